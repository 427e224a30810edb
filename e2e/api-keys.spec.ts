import { createHash } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { uniqueName } from "./support/sign-in";
import { createProjectViaUi } from "./support/projects";
import { alice, bob, storageStateOf } from "./support/users";
import { query } from "./support/db";
import { expectNotStoredOrLogged, rememberSecret } from "./support/secrets";

test.use({ storageState: storageStateOf(alice), permissions: ["clipboard-read", "clipboard-write"] });

const KEY_PATTERN = /^kd_(live|test)_[0-9A-Za-z]{36}$/;

/** Creates a key in the open Keys tab, copies it with the Copy button and closes the dialog. */
async function createKey(page: Page, name: string, environment: "Live" | "Test" = "Live") {
  await page.getByRole("button", { name: "Create key" }).first().click();
  const dialog = page.getByRole("dialog", { name: "Create API key" });
  await dialog.getByLabel("Name").fill(name);
  await dialog.getByLabel(environment).check();
  await dialog.getByLabel("Expires").selectOption("30");
  await dialog.getByRole("button", { name: "Create key" }).click();
  return revealAndClose(page);
}

async function revealAndClose(page: Page) {
  const reveal = page.getByRole("dialog", { name: "Copy your new key" });
  await expect(reveal.getByText("This key will not be shown again.")).toBeVisible();
  const shown = await reveal.getByLabel("Your new API key").inputValue();
  expect(shown).toMatch(KEY_PATTERN);
  await reveal.getByRole("button", { name: "Copy", exact: true }).click();
  await expect(reveal.getByRole("button", { name: "Copied", exact: true })).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(shown);
  await expect(reveal.getByRole("tabpanel")).toContainText(`export KEYDECK_API_KEY="${shown}"`);
  await reveal.getByRole("tab", { name: "curl" }).click();
  await expect(reveal.getByRole("tabpanel")).toContainText(`Authorization: Bearer ${shown}`);

  // The dialog does not close by accident: Escape is ignored, Done needs the confirmation.
  await page.keyboard.press("Escape");
  await expect(reveal).toBeVisible();
  await expect(reveal.getByRole("button", { name: "Done" })).toBeDisabled();
  // The end-of-run scan (e2e/security/secret-scan.spec.ts) looks for it everywhere.
  const slug = new URL(page.url()).pathname.split("/")[2]!;
  const pages = ["", "/keys", "/usage", "/activity", "/settings"].map((tab) => `/projects/${slug}${tab}`);
  rememberSecret({ kind: "API key", value: copied, pages });

  await reveal.getByLabel("I have copied this key and stored it safely.").check();
  await reveal.getByRole("button", { name: "Done" }).click();
  await expect(reveal).toBeHidden();
  await expect(page.getByText(copied)).toHaveCount(0);
  return copied;
}

test("create a key, copy it once, and find it nowhere afterwards", async ({ page }) => {
  const { slug, projectId } = await createProjectViaUi(page, uniqueName("Keys"));
  await page.getByRole("link", { name: "API keys" }).click();
  await expect(page.getByText("No API keys yet")).toBeVisible();

  // Bad input is answered inline and creates nothing.
  await page.getByRole("button", { name: "Create key" }).first().click();
  const form = page.getByRole("dialog", { name: "Create API key" });
  await form.getByRole("button", { name: "Create key" }).click();
  await expect(form.getByText("Enter a key name.")).toBeVisible();
  await form.getByRole("button", { name: "Cancel" }).click();

  const plaintext = await createKey(page, "Billing service");
  const row = page.getByRole("row", { name: /Billing service/ });
  await expect(row.getByText("Active")).toBeVisible();
  await expect(row.getByText(`${plaintext.slice(0, 12)}…${plaintext.slice(-4)}`)).toBeVisible();

  await page.reload();
  await expect(page.getByRole("row", { name: /Billing service/ })).toBeVisible();
  expect(await page.content()).not.toContain(plaintext);
  const html = await (await page.request.get(`/projects/${slug}/keys`)).text();
  expect(html).not.toContain(plaintext);
  const api = await (await page.request.get(`/api/projects/${projectId}/keys`)).text();
  expect(api).not.toContain(plaintext);
  expect(api).not.toContain(createHash("sha256").update(plaintext).digest("hex"));

  // The stored row holds the hash of exactly what was copied, and nothing anywhere holds the key.
  const [stored] = await query<{ hash: string }>(`select hash from api_keys where project_id = $1 and name = $2`, [projectId, "Billing service"]);
  expect(stored?.hash).toBe(createHash("sha256").update(plaintext).digest("hex"));
  await expectNotStoredOrLogged({ kind: "API key", value: plaintext });
});

test("revoke a key: it shows once every API instance confirmed, and the activity log records it with the receipt", async ({ page }) => {
  // A member's own X-Forwarded-For: with no TRUST_PROXY (as here) nothing
  // tells it from a proxy's, so the log must not take it as the address.
  await page.setExtraHTTPHeaders({ "x-forwarded-for": "203.0.113.66" });
  const { slug } = await createProjectViaUi(page, uniqueName("Revoke"));
  await page.goto(`/projects/${slug}/keys`);
  await createKey(page, "Old integration", "Test");
  const row = page.getByRole("row", { name: /Old integration/ });
  await row.getByRole("button", { name: /^Revoke/ }).click();
  const confirm = page.getByRole("dialog", { name: "Revoke this key?" });
  await expect(confirm.getByText("stops working immediately")).toBeVisible();
  await confirm.getByRole("button", { name: "Revoke key" }).click();
  await expect(row.getByText("Revoked", { exact: true })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "revoked" })).toBeVisible();

  await page.reload();
  await expect(page.getByRole("row", { name: /Old integration/ }).getByText("Revoked", { exact: true })).toBeVisible();
  await page.getByLabel("Status").selectOption("revoked");
  await expect(page.getByText("1 key")).toBeVisible();

  await page.getByRole("link", { name: "Activity" }).click();
  const revokedEntry = page.getByRole("row", { name: /revoked a key/ });
  await expect(revokedEntry).toContainText(alice.name);
  await expect(revokedEntry).toContainText(/kd_test_\w{4}…\w{4}/);
  await expect(revokedEntry.getByRole("cell").nth(4)).toHaveText("—"); // no address it could be sure of
  await expect(page.getByText("203.0.113.66")).toHaveCount(0);
  await expect(page.getByRole("cell", { name: "created a key" })).toBeVisible();
});

test("a refused revoke changes nothing on screen but an error toast", async ({ page }) => {
  const { slug } = await createProjectViaUi(page, uniqueName("Rollback"));
  await page.goto(`/projects/${slug}/keys`);
  await createKey(page, "Sticky key");
  // The server refuses (here: the network drops the action call).
  await page.route(`**/projects/${slug}/keys`, (route) =>
    route.request().method() === "POST" && route.request().headers()["next-action"] ? route.abort() : route.continue(),
  );
  const row = page.getByRole("row", { name: /Sticky key/ });
  await row.getByRole("button", { name: /^Revoke/ }).click();
  await page.getByRole("dialog", { name: "Revoke this key?" }).getByRole("button", { name: "Revoke key" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Could not revoke" })).toBeVisible();
  await expect(row.getByText("Active", { exact: true })).toBeVisible();
  await page.unroute(`**/projects/${slug}/keys`);
  await page.reload();
  await expect(page.getByRole("row", { name: /Sticky key/ }).getByText("Active", { exact: true })).toBeVisible();
});

test("rotate a key with an overlap: a new key now, the old one expiring, both linked", async ({ page }) => {
  const { slug } = await createProjectViaUi(page, uniqueName("Rotate"));
  await page.goto(`/projects/${slug}/keys`);
  const original = await createKey(page, "Payments worker");

  await page.getByRole("row", { name: /Payments worker/ }).getByRole("button", { name: /^Rotate/ }).click();
  const dialog = page.getByRole("dialog", { name: "Rotate key" });
  await dialog.getByLabel("1 hour").check();
  await dialog.getByRole("button", { name: "Rotate key" }).click();
  const replacement = await revealAndClose(page);
  expect(replacement).not.toBe(original);

  const oldHint = `${original.slice(0, 12)}…${original.slice(-4)}`;
  const newHint = `${replacement.slice(0, 12)}…${replacement.slice(-4)}`;
  const oldRow = page.getByRole("row", { name: new RegExp(`Replaced by ${newHint}`) });
  await expect(oldRow.getByText("Expiring")).toBeVisible();
  await expect(oldRow.getByText(/Expires in (1 hour|60 minutes|59 minutes)/)).toBeVisible();
  const newRow = page.getByRole("row", { name: new RegExp(`Replaces ${oldHint}`) });
  await expect(newRow.getByText("Active")).toBeVisible();

  await page.getByRole("link", { name: "Activity" }).click();
  await expect(page.getByRole("cell", { name: "rotated a key" })).toBeVisible();
});

test("another user cannot list or change the project's keys", async ({ page, browser }) => {
  const { slug, projectId } = await createProjectViaUi(page, uniqueName("Guarded"));
  await page.goto(`/projects/${slug}/keys`);
  await createKey(page, "Guarded key");

  const bobContext = await browser.newContext({ storageState: storageStateOf(bob) });
  const bobPage = await bobContext.newPage();
  const list = await bobPage.request.get(`/api/projects/${projectId}/keys`);
  expect(list.status()).toBe(404);
  expect((await bobPage.goto(`/projects/${slug}/keys`))?.status()).toBe(404);
  await bobContext.close();
});
