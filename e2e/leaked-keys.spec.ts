import { expect, test, type Page, type TestInfo } from "@playwright/test";
import { uniqueName } from "./support/sign-in";
import { createProjectViaUi } from "./support/projects";
import { createKeyViaUi } from "./support/keys";
import { API_INSTANCE_URLS } from "./support/api";
import { query } from "./support/db";
import { rememberSecret } from "./support/secrets";
import { makeMember } from "./support/members";
import { alice, bob, storageStateOf } from "./support/users";

// Issue 19: a member reports a key leaked from its page (with a confirmation),
// the project's policy applies, and the key's row and page say where it was
// found; under "revoke and replace" the next owner or admin who opens the
// project sees the replacement's secret once.

test.use({ storageState: storageStateOf(alice) });
// Each test has two people, a key revoked on both API instances, and several server renders.
test.describe.configure({ timeout: 90_000 });

// Bob's screen is attached when a test fails (Playwright captures only the default page).
let bobsPage: Page | null = null;
test.afterEach(async ({}, testInfo: TestInfo) => {
  if (bobsPage && testInfo.status !== testInfo.expectedStatus) {
    await testInfo.attach("bob's page", { body: await bobsPage.screenshot({ fullPage: true }), contentType: "image/png" }).catch(() => {});
    await testInfo.attach("bob's page text", { body: await bobsPage.locator("body").innerText().catch(() => ""), contentType: "text/plain" });
  }
  bobsPage = null;
});

async function verifyStatuses(page: Page, key: string) {
  return Promise.all(API_INSTANCE_URLS.map(async (url) => (await page.request.post(`${url}/api/v1/verify`, { headers: { Authorization: `Bearer ${key}` } })).status()));
}

/** Bob opens the key's page from the list and reports it leaked, found at `url`. */
async function reportLeaked(page: Page, slug: string, name: string, url: string) {
  await page.goto(`/projects/${slug}/keys`);
  await page.getByRole("link", { name, exact: true }).click();
  await page.waitForURL(/\/keys\/[^/?]+$/, { timeout: 20_000 });
  await expect(page.getByRole("heading", { name, level: 2 })).toBeVisible({ timeout: 20_000 });
  await page.getByRole("button", { name: new RegExp(`^Report leaked: ${name} \\(.*\\)$`) }).click();
  const dialog = page.getByRole("dialog", { name: "Report this key leaked?" });
  await expect(dialog).toContainText("will be recorded as leaked");
  await dialog.getByLabel("Where was it found?").fill(url);
  return dialog;
}

test("a viewer reports a key leaked, confirms, and sees it revoked on every API instance and where it was found", async ({ page, browser }) => {
  const { slug, projectId } = await createProjectViaUi(page, uniqueName("Leaks"));
  const key = await createKeyViaUi(page, slug, "billing worker");
  await makeMember(projectId, "viewer");
  expect(await verifyStatuses(page, key)).toEqual([200, 200]);

  const bobContext = await browser.newContext({ storageState: storageStateOf(bob) });
  const bobPage = await bobContext.newPage();
  bobsPage = bobPage;
  const url = "https://github.com/acme/billing/blob/main/.env";
  let dialog = await reportLeaked(bobPage, slug, "billing worker", url);
  await expect(dialog).toContainText("Revoke the key on every API instance");
  // Cancel changes nothing.
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  expect(await verifyStatuses(page, key)).toEqual([200, 200]);

  dialog = await reportLeaked(bobPage, slug, "billing worker", url);
  await dialog.getByRole("button", { name: "Report leaked" }).click();
  // Pending until every instance confirmed, then the page shows what the server recorded.
  await expect(bobPage.getByText(/^Leak of kd_live_.* recorded and the key revoked/)).toBeVisible({ timeout: 20_000 });
  await expect(dialog).toBeHidden();
  await expect(bobPage.getByText(/^Leaked just now, found in/)).toBeVisible();
  await expect(bobPage.getByRole("link", { name: url })).toHaveAttribute("href", url);
  await expect(bobPage.getByText("Revoked", { exact: true }).first()).toBeVisible();
  expect(await verifyStatuses(page, key)).toEqual([401, 401]);
  // A revoked key has nothing left to report.
  await expect(bobPage.getByRole("button", { name: /^Report leaked: / })).toHaveCount(0);

  // The row in the list says it too, for alice.
  await page.goto(`/projects/${slug}/keys?status=all`);
  const row = page.getByRole("row").filter({ hasText: "billing worker" });
  await expect(row.getByText(/^Leaked .*, found in/)).toBeVisible();
  // The activity log names the report.
  await page.goto(`/projects/${slug}/activity`);
  await expect(page.getByText("recorded a leaked key").first()).toBeVisible();
  await bobContext.close();
});

test("under 'revoke and replace', the replacement's secret is shown once, to the next owner or admin", async ({ page, browser }) => {
  const { slug, projectId } = await createProjectViaUi(page, uniqueName("Replace"));
  await page.goto(`/projects/${slug}/settings`);
  await page.getByRole("radio", { name: /Revoke and issue a replacement/ }).check();
  await page.getByRole("button", { name: "Save leak policy" }).click();
  await expect(page.getByText("Leaked keys: revoke and issue a replacement.")).toBeVisible();
  const key = await createKeyViaUi(page, slug, "checkout");
  await makeMember(projectId, "developer");

  const bobContext = await browser.newContext({ storageState: storageStateOf(bob) });
  const bobPage = await bobContext.newPage();
  bobsPage = bobPage;
  const dialog = await reportLeaked(bobPage, slug, "checkout", "https://gist.github.com/someone/1");
  await expect(dialog).toContainText("the next owner or admin who opens the project sees its secret once");
  await dialog.getByRole("button", { name: "Report leaked" }).click();
  await expect(dialog).toBeHidden();
  expect(await verifyStatuses(page, key)).toEqual([401, 401]);
  // A developer is not told the secret.
  await bobPage.goto(`/projects/${slug}`);
  await expect(bobPage.getByRole("button", { name: /^Reveal new key/ })).toHaveCount(0);

  await page.goto(`/projects/${slug}`);
  await page.getByRole("button", { name: "Reveal new key for checkout" }).click();
  const reveal = page.getByRole("dialog", { name: "Replacement for checkout" });
  const replacement = await reveal.getByLabel("The replacement API key").inputValue();
  expect(replacement).toMatch(/^kd_live_[0-9A-Za-z]{36}$/);
  expect(replacement).not.toBe(key);
  // The end-of-run secret scan looks for it in the logs, the database (only sealed, then deleted) and every page.
  rememberSecret({ kind: "API key", value: replacement, pages: [`/projects/${slug}/keys`] });
  expect(await verifyStatuses(page, replacement)).toEqual([200, 200]);
  await reveal.getByLabel("I have copied this key and stored it safely.").check();
  await reveal.getByRole("button", { name: "Done" }).click();
  await expect(reveal).toBeHidden();
  await expect(page.getByRole("button", { name: /^Reveal new key/ })).toHaveCount(0);
  // Gone for good: not on a reload, not for anyone.
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByRole("button", { name: /^Reveal new key/ })).toHaveCount(0);
  expect(await query("SELECT 1 FROM leak_replacements WHERE project_id = $1", [projectId])).toEqual([]);
  await bobContext.close();
});
