import { expect, test } from "@playwright/test";
import { API_INSTANCE_URLS } from "./support/api";
import { createKeyViaUi } from "./support/keys";
import { createProjectViaUi } from "./support/projects";
import { uniqueName } from "./support/sign-in";
import { alice, storageStateOf } from "./support/users";
import { rememberSecret } from "./support/secrets";

test.use({ storageState: storageStateOf(alice) });

async function verifyOn(url: string, key: string): Promise<number> {
  const response = await fetch(`${url}/api/v1/verify`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: '{"cost":0}',
  });
  await response.arrayBuffer();
  return response.status;
}

// Two API instances run (playwright.config.ts); the second only polls, so it
// learns of a revocation up to 400 ms after the commit. The screen may say
// "Revoked" only once both have confirmed: the first verify after it is 401.
test("the keys list says Revoked only when every API instance has confirmed, and the first verify after it is refused", async ({ page }) => {
  const { slug } = await createProjectViaUi(page, uniqueName("Receipts"));
  const plaintext = await createKeyViaUi(page, slug, "Fleet key");
  rememberSecret({ kind: "API key", value: plaintext, pages: [`/projects/${slug}/keys`] });
  // Both instances have the key cached as valid.
  for (const url of API_INSTANCE_URLS) expect(await verifyOn(url, plaintext)).toBe(200);

  const row = page.getByRole("row", { name: /Fleet key/ });
  await row.getByRole("button", { name: /^Revoke/ }).click();
  await page.getByRole("dialog", { name: "Revoke this key?" }).getByRole("button", { name: "Revoke key" }).click();

  // The instant the row turns, before anything else: every instance refuses the key.
  const statusCell = row.getByText("Revoked", { exact: true });
  await statusCell.waitFor({ state: "visible", timeout: 10_000 });
  const statuses = await Promise.all(API_INSTANCE_URLS.map((url) => verifyOn(url, plaintext)));
  expect(statuses).toEqual([401, 401]);

  // The toast carries the receipt, and the activity log keeps it with each instance.
  await expect(page.getByRole("status").filter({ hasText: /confirmed by 2 of 2 API instances in \d+ ms/ })).toBeVisible();
  await page.getByRole("link", { name: "Activity" }).click();
  const entry = page.getByRole("row", { name: /revoked a key/ });
  await expect(entry).toContainText(/confirmed by 2 of 2 API instances in \d+ ms/);
  await entry.getByText(/confirmed by 2 of 2/).click();
  await expect(entry.getByRole("listitem")).toHaveCount(2);
  await expect(entry.getByRole("listitem").first()).toContainText(/acknowledged at/);
});
