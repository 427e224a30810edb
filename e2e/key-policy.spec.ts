import { expect, test, type Page } from "@playwright/test";
import { uniqueName } from "./support/sign-in";
import { createProjectViaUi } from "./support/projects";
import { createKeyViaUi } from "./support/keys";
import { API_URL } from "./support/api";
import { alice, storageStateOf } from "./support/users";

// Issue 17 from the dashboard: a project's permission names in Settings, a
// key scoped, pinned to addresses and capped on its own page, and the
// verification API enforcing each rule once the page says "saved".

test.use({ storageState: storageStateOf(alice) });
// Each journey opens many pages and makes many calls, some waiting for the metering flush: more than 30 s on a busy machine.
test.describe.configure({ timeout: 120_000 });

async function verify(page: Page, key: string, body: Record<string, unknown>) {
  const response = await page.request.post(`${API_URL}/api/v1/verify`, { headers: { Authorization: `Bearer ${key}` }, data: body });
  return { status: response.status(), body: (await response.json()) as { permissions?: string[]; error?: { code: string; missing_permissions?: string[] } } };
}

/** Reloads until the page shows it: metered figures reach the dashboard once the API's metering flush wrote them (about a second). */
const afterFlush = (page: Page, read: () => Promise<string | null>) =>
  expect.poll(async () => {
    await page.reload();
    return read();
  }, { timeout: 20_000 });

test("an owner scopes a key to one permission, an address range and 2 units of credits; verify enforces each", async ({ page }) => {
  const { slug } = await createProjectViaUi(page, uniqueName("Policy"));

  // The project's permission names, in Settings; a malformed one is refused inline.
  await page.goto(`/projects/${slug}/settings`);
  const add = page.getByRole("form", { name: "Add a permission" });
  await add.getByLabel("Permission name").fill("charges write");
  await add.getByRole("button", { name: "Add permission" }).click();
  await expect(add.getByRole("alert")).toContainText("Use letters, digits");
  for (const name of ["charges.read", "charges.write", "refunds.read"]) {
    await add.getByLabel("Permission name").fill(name);
    await add.getByRole("button", { name: "Add permission" }).click();
    await expect(page.getByRole("list", { name: "Project permissions" }).getByText(name, { exact: true })).toBeVisible();
  }

  const key = await createKeyViaUi(page, slug, "Checkout");
  // Every permission by default.
  expect(await verify(page, key, { permissions: "charges.read AND refunds.read" })).toMatchObject({ status: 200 });

  // The key's own page, opened from its row.
  await page.getByRole("link", { name: "Checkout" }).click();
  await expect(page.getByRole("heading", { name: "Checkout" })).toBeVisible();
  const policy = page.getByRole("form", { name: "Policy" });
  await policy.getByLabel("Only the permissions chosen below").check();
  await policy.getByLabel("Search permissions").fill("write");
  await expect(policy.getByRole("checkbox", { name: "charges.read" })).toHaveCount(0);
  await policy.getByRole("checkbox", { name: "charges.write" }).check();
  await policy.getByLabel("Allowed addresses and ranges, one per line").fill("203.0.113.0/24\nnot-an-address");
  await policy.getByLabel("Cap this key's units with credits").check();
  await policy.getByLabel("Units left").fill("2");
  await policy.getByRole("button", { name: "Save policy" }).click();
  // Nothing is sent while a line is wrong; it says which.
  await expect(policy.getByRole("alert")).toContainText('"not-an-address" is not an IPv4 or IPv6 address or CIDR range.');
  expect(await verify(page, key, { permissions: "charges.read", client_ip: "198.51.100.1" })).toMatchObject({ status: 200 });

  await policy.getByLabel("Allowed addresses and ranges, one per line").fill("203.0.113.0/24");
  await policy.getByRole("button", { name: "Save policy" }).click();
  // "Saved" only once every API instance has the new policy: the next call is judged by it.
  await expect(page.getByRole("status").filter({ hasText: "Policy of" })).toContainText(/saved: confirmed by \d+ of \d+ API instances/);

  const inRange = { client_ip: "203.0.113.9" };
  expect(await verify(page, key, { ...inRange, permissions: "charges.read" })).toMatchObject({
    status: 403,
    body: { error: { code: "insufficient_permissions", missing_permissions: ["charges.read"] } },
  });
  expect(await verify(page, key, { permissions: "charges.write", client_ip: "198.51.100.1" })).toMatchObject({ status: 403, body: { error: { code: "ip_not_allowed" } } });
  expect(await verify(page, key, { permissions: "charges.write" })).toMatchObject({ status: 403, body: { error: { code: "ip_not_allowed" } } });
  expect(await verify(page, key, { ...inRange, environment: "test" })).toMatchObject({ status: 403, body: { error: { code: "wrong_environment" } } });
  expect(await verify(page, key, { ...inRange, permissions: "charges.write" })).toMatchObject({ status: 200, body: { permissions: ["charges.write"] } });
  expect(await verify(page, key, inRange)).toMatchObject({ status: 200 });
  // Two units of credits, both spent.
  expect(await verify(page, key, inRange)).toMatchObject({ status: 429, body: { error: { code: "quota_exceeded" } } });

  // The page shows what is in force after a reload; the name is editable too.
  await page.reload();
  await expect(policy.getByRole("checkbox", { name: "charges.write" })).toBeChecked();
  await expect(policy.getByLabel("Allowed addresses and ranges, one per line")).toHaveValue("203.0.113.0/24");
  const rename = page.getByRole("form", { name: "Rename key" });
  await rename.getByLabel("Key name").fill("Checkout (scoped)");
  await rename.getByRole("button", { name: "Save name" }).click();
  await expect(page.getByRole("heading", { name: "Checkout (scoped)" })).toBeVisible();
  await expect(page).toHaveTitle(/^Checkout \(scoped\) · API keys/);

  // The key's own usage: the four calls answered 200, once flushed; the Usage tab filtered to it is one click away.
  const units = page.getByRole("group", { name: "Units, last 30 days" }).getByRole("definition");
  await afterFlush(page, () => units.textContent()).toBe("4");
  await page.getByRole("link", { name: "Open in the Usage tab →" }).click();
  await expect(page).toHaveURL(/\/usage\?range=30d&key=/);
});

test("a key created with a policy from the dialog has it at once, and its rotation keeps it", async ({ page }) => {
  const { slug } = await createProjectViaUi(page, uniqueName("Scoped create"));
  await page.goto(`/projects/${slug}/settings`);
  const add = page.getByRole("form", { name: "Add a permission" });
  for (const name of ["charges.read", "refunds.read"]) {
    await add.getByLabel("Permission name").fill(name);
    await add.getByRole("button", { name: "Add permission" }).click();
    await expect(page.getByRole("list", { name: "Project permissions" }).getByText(name, { exact: true })).toBeVisible();
  }

  await page.goto(`/projects/${slug}/keys`);
  await page.getByRole("button", { name: "Create key" }).first().click();
  const dialog = page.getByRole("dialog", { name: "Create API key" });
  await dialog.getByLabel("Name").fill("Refunds worker");
  await dialog.getByText("Permissions, IP allowlist and limits").click();
  await dialog.getByLabel("Only the permissions chosen below").check();
  await dialog.getByRole("checkbox", { name: "refunds.read" }).check();
  await dialog.getByLabel("Allowed addresses and ranges, one per line").fill("10.0.0.0/8");
  await dialog.getByLabel("Rate limit (requests per second)").fill("many");
  await dialog.getByRole("button", { name: "Create key" }).click();
  // A wrong field keeps the dialog open, says why, and creates nothing.
  await expect(dialog.getByRole("alert")).toHaveText("Enter requests per second as a whole number.");
  await expect(page.getByRole("row", { name: /Refunds worker/ })).toHaveCount(0);
  await dialog.getByLabel("Rate limit (requests per second)").fill("");
  await dialog.getByRole("button", { name: "Create key" }).click();
  const reveal = page.getByRole("dialog", { name: "Copy your new key" });
  const key = await reveal.getByLabel("Your new API key").inputValue();
  await reveal.getByLabel("I have copied this key and stored it safely.").check();
  await reveal.getByRole("button", { name: "Done" }).click();

  const inside = { client_ip: "10.20.30.40" };
  expect(await verify(page, key, { ...inside, permissions: "refunds.read" })).toMatchObject({ status: 200, body: { permissions: ["refunds.read"] } });
  expect(await verify(page, key, { ...inside, permissions: "charges.read" })).toMatchObject({ status: 403, body: { error: { code: "insufficient_permissions" } } });
  expect(await verify(page, key, { permissions: "refunds.read", client_ip: "192.0.2.1" })).toMatchObject({ status: 403, body: { error: { code: "ip_not_allowed" } } });

  // Rotated: the new key carries the same policy.
  await page.getByRole("row", { name: /Refunds worker/ }).getByRole("button", { name: /^Rotate/ }).click();
  const rotate = page.getByRole("dialog", { name: "Rotate key" });
  await expect(rotate).toContainText("permissions, IP allowlist and limits");
  await rotate.getByLabel("1 hour").check();
  await rotate.getByRole("button", { name: "Rotate key" }).click();
  const replacement = await page.getByRole("dialog", { name: "Copy your new key" }).getByLabel("Your new API key").inputValue();
  expect(replacement).not.toBe(key);
  expect(await verify(page, replacement, { ...inside, permissions: "refunds.read" })).toMatchObject({ status: 200, body: { permissions: ["refunds.read"] } });
  expect(await verify(page, replacement, { ...inside, permissions: "charges.read" })).toMatchObject({ status: 403 });
  expect(await verify(page, replacement, { permissions: "refunds.read", client_ip: "192.0.2.1" })).toMatchObject({ status: 403, body: { error: { code: "ip_not_allowed" } } });
});

test("after real verify calls, a key's row, its page and the Usage tab show where it was last used from and the same credits left", async ({ page }) => {
  const { slug } = await createProjectViaUi(page, uniqueName("Credits shown"));
  const key = await createKeyViaUi(page, slug, "Metered");
  const row = page.getByRole("row", { name: /Metered/ });
  await expect(row).toContainText("Never");
  await expect(row.getByRole("cell").filter({ hasText: "No credits" })).toHaveCount(1);

  await row.getByRole("link", { name: "Metered" }).click();
  await expect(page.getByRole("heading", { name: "Metered" })).toBeVisible();
  const keyPage = page.url();
  const keyId = new URL(keyPage).pathname.split("/").at(-1)!;
  const policy = page.getByRole("form", { name: "Policy" });
  await policy.getByLabel("Cap this key's units with credits").check();
  await policy.getByLabel("Units left").fill("1000");
  await policy.getByLabel("Refill", { exact: true }).selectOption("monthly");
  await policy.getByLabel("Units per refill").fill("1000");
  await policy.getByRole("button", { name: "Save policy" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Policy of" })).toContainText(/saved: confirmed by \d+ of \d+ API instances/);

  // The caller's API says which address it saw; the answer counts the credits at once.
  const seen = { client_ip: "203.0.113.7" };
  expect(await verify(page, key, { ...seen, cost: 880 })).toMatchObject({ status: 200, body: { credits: { limit: 1000, remaining: 120 } } });

  // The dashboard has them once the API's metering flush wrote them (about a second).
  const details = page.getByRole("region", { name: "Details" });
  await afterFlush(page, () => details.textContent()).toMatch(/Last used.*from 203\.0\.113\.7/);
  await expect(page.getByRole("group", { name: "Credits", exact: true })).toContainText("120 of 1,000 credits left · refills monthly");
  await expect(page.getByRole("group", { name: "Credits", exact: true })).toContainText(/Next refill .+, 00:00 UTC/);
  await expect(page.getByRole("group", { name: "Units, last 30 days" }).getByRole("definition")).toHaveText("880");

  // The same figures in the key's row, and on the Usage tab filtered to it.
  await page.goto(`/projects/${slug}/keys`);
  await expect(row).toContainText("120 of 1,000 credits left · refills monthly");
  await expect(row).toContainText("from 203.0.113.7");
  await page.goto(`/projects/${slug}/usage?range=30d&key=${keyId}`);
  await expect(page.getByRole("group", { name: "Credits", exact: true })).toContainText("120 of 1,000 credits left · refills monthly");
  // All keys: no one key's credits to show.
  await page.goto(`/projects/${slug}/usage?range=30d`);
  await expect(page.getByRole("heading", { name: "Units by key" })).toBeVisible();
  await expect(page.getByRole("group", { name: "Credits", exact: true })).toHaveCount(0);

  // Spent: the API refuses, and the row says so plainly, in the table and, on a phone, on the key's card.
  expect(await verify(page, key, { ...seen, cost: 120 })).toMatchObject({ status: 200, body: { credits: { remaining: 0 } } });
  expect(await verify(page, key, seen)).toMatchObject({ status: 429, body: { error: { code: "quota_exceeded" } } });
  await page.goto(`/projects/${slug}/keys`);
  await afterFlush(page, () => row.textContent()).toContain("Credits spent · refills monthly");
  await page.setViewportSize({ width: 390, height: 800 });
  const card = page.getByRole("list", { name: "API keys" }).getByRole("listitem").filter({ hasText: "Metered" });
  await expect(card).toContainText("Credits spent · refills monthly");
  await expect(card).toContainText("from 203.0.113.7");
  await page.goto(keyPage);
  await expect(page.getByRole("group", { name: "Credits", exact: true })).toContainText("Credits spent · refills monthly");
});
