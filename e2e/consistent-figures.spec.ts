import pg from "pg";
import { expect, test, type Page } from "@playwright/test";
import { uniqueName } from "./support/sign-in";
import { createProjectViaUi } from "./support/projects";
import { createKeyViaUi } from "./support/keys";
import { alice, storageStateOf } from "./support/users";
import { API_URL } from "./support/api";
import { query } from "./support/db";
import { writeDemoUsage } from "../scripts/lib/demo-usage";

// One truth for each number: "last used" comes from the same flush as the
// usage figures, and after a change no page (one returned to with Back
// included) shows the figure from before it.

test.use({ storageState: storageStateOf(alice) });

/** The "Last used" cell of a key's row on the Keys tab. */
const lastUsedCell = (page: Page, name: string) => page.getByRole("row", { name: new RegExp(name) }).getByRole("cell").nth(3);

test("a verify call through the API: once flushed, the key says when it was last used", async ({ page }) => {
  const { slug, projectId } = await createProjectViaUi(page, uniqueName("Last used"));
  const key = await createKeyViaUi(page, slug, "Checkout");
  await expect(lastUsedCell(page, "Checkout")).toHaveText("Never");

  const response = await page.request.post(`${API_URL}/api/v1/verify`, { headers: { Authorization: `Bearer ${key}` }, data: { cost: 2 } });
  expect(response.status()).toBe(200);
  // The flush that writes the usage row writes "last used" in the same transaction.
  await expect.poll(async () => (await query<{ units: number }>(`SELECT coalesce(sum(units), 0)::int AS units FROM usage_hourly WHERE project_id = $1`, [projectId]))[0]!.units).toBe(2);

  await page.reload();
  const cell = lastUsedCell(page, "Checkout");
  await expect(cell.locator("time")).toHaveText("just now");
  const [stored] = await query<{ last_used_at: Date }>(`SELECT last_used_at FROM api_keys WHERE project_id = $1`, [projectId]);
  await expect(cell.locator("time")).toHaveAttribute("datetime", stored!.last_used_at.toISOString());
});

test("the demo's keys say when they were last used, as their usage does", async ({ page }) => {
  const { slug, projectId } = await createProjectViaUi(page, uniqueName("Demo last used"));
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  await writeDemoUsage(client, { projectId, days: 7, keys: 6 });
  await client.end();

  await page.goto(`/projects/${slug}/keys`);
  // The busiest key (key 1) has traffic in the current hour: used within the hour, not "Never".
  await expect(lastUsedCell(page, "Demo service 1\\b")).toHaveText(/ago|just now/);
  // The demo's revoked key (its last) stopped 20 days ago, before the week of traffic: never used.
  await expect(lastUsedCell(page, "Demo service 6")).toHaveText("Never");
});

test("after a revoke, Back to the Overview shows the true number of active keys", async ({ page }) => {
  const { slug } = await createProjectViaUi(page, uniqueName("Back"));
  await createKeyViaUi(page, slug, "First");
  await createKeyViaUi(page, slug, "Second");

  await page.goto(`/projects/${slug}`);
  const activeKeys = page.getByRole("group", { name: "Active keys" }).getByRole("definition");
  await expect(activeKeys).toHaveText("2");

  await page.getByRole("link", { name: "API keys" }).click();
  const row = page.getByRole("row", { name: /Second/ });
  await row.getByRole("button", { name: /^Revoke/ }).click();
  await page.getByRole("dialog", { name: "Revoke this key?" }).getByRole("button", { name: "Revoke key" }).click();
  await expect(row.getByText("Revoked", { exact: true })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "revoked" })).toBeVisible();

  await page.goBack();
  // Read once, as soon as the Overview is there: the count it first shows must
  // be the true one, not the one from before the revoke (its polling would
  // correct that later, which a retrying assertion would wait for).
  await expect(activeKeys).toBeVisible();
  expect(await activeKeys.textContent()).toBe("1");

  // Forward again, and to the Overview by its tab: the same.
  await page.goForward();
  await expect(page.getByRole("row", { name: /Second/ }).getByText("Revoked", { exact: true })).toBeVisible();
  await page.getByRole("link", { name: "Overview" }).click();
  await expect(activeKeys).toBeVisible();
  expect(await activeKeys.textContent()).toBe("1");
});
