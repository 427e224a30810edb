import { readFileSync } from "node:fs";
import pg from "pg";
import { expect, test } from "@playwright/test";
import { uniqueName } from "./support/sign-in";
import { createProjectViaUi } from "./support/projects";
import { createKeyViaUi } from "./support/keys";
import { alice, storageStateOf } from "./support/users";
import { API_URL } from "./support/api";
import { writeDemoUsage } from "../scripts/lib/demo-usage";

test.use({ storageState: storageStateOf(alice), permissions: ["clipboard-read", "clipboard-write"] });

test("metered verify calls show up exactly on the Overview and the Usage tab, and in the CSV", async ({ page }) => {
  test.setTimeout(90_000);
  const { slug } = await createProjectViaUi(page, uniqueName("Metered"));
  const key = await createKeyViaUi(page, slug, "Checkout");

  const costs = [1, 2, 3, 4, 5, 1, 1];
  for (const cost of costs) {
    const response = await page.request.post(`${API_URL}/api/v1/verify`, {
      headers: { Authorization: `Bearer ${key}` },
      data: { cost, endpoint: "/v1/charges" },
    });
    expect(response.status()).toBe(200);
    await page.waitForTimeout(250); // the free plan allows 5 requests per second per key
  }
  const units = costs.reduce((a, b) => a + b, 0);

  // The Overview polls: the figures arrive without a reload.
  await page.goto(`/projects/${slug}`);
  const requestsToday = page.getByRole("group", { name: "Requests today" }).getByRole("definition");
  await expect(requestsToday.first()).toHaveText(String(costs.length), { timeout: 30_000 });
  await expect(requestsToday.last()).toHaveText(`${units} units`);
  await expect(page.getByRole("progressbar", { name: "Quota used this period" })).toHaveAttribute("aria-valuenow", String(units));

  await page.getByRole("link", { name: "Usage", exact: true }).click();
  await page.getByRole("button", { name: "24 hours" }).click();
  const table = page.getByRole("table", { name: /Units per hour and key/ });
  const lastRow = table.getByRole("row").last();
  await expect(lastRow.getByRole("cell").nth(-2)).toHaveText(String(units), { timeout: 30_000 });
  const perKey = page.getByRole("table", { name: "Units and requests per key" });
  await expect(perKey.getByRole("row", { name: /Checkout/ }).getByRole("cell").first()).toHaveText(String(units));

  // The API's own usage report agrees with the dashboard, figure for figure.
  const report = (await (await page.request.get(`${API_URL}/api/v1/usage`, { headers: { Authorization: `Bearer ${key}` } })).json()) as {
    quota: { used: number };
    days: Array<{ date: string; units: number; requests: number }>;
    keys: Array<{ units: number; requests: number }>;
  };
  expect(report.quota.used).toBe(units);
  expect(report.days.reduce((sum, d) => sum + d.units, 0)).toBe(units);
  expect(report.days.reduce((sum, d) => sum + d.requests, 0)).toBe(costs.length);
  expect(report.keys).toMatchObject([{ units, requests: costs.length }]);
  await page.getByRole("button", { name: "7 days" }).click();
  const dayTable = page.getByRole("table", { name: /Units per day and key/ });
  const today = new Date().toISOString().slice(0, 10);
  await expect(dayTable.getByRole("row", { name: new RegExp(`^${today}`) }).getByRole("cell").nth(-2)).toHaveText(
    String(report.days.find((d) => d.date === today)?.units),
  );
  await page.getByRole("button", { name: "24 hours" }).click();

  // The export: one row per day and key, the day being the reader's date of these hours.
  const keyId = await page.getByRole("combobox", { name: "Key", exact: true }).getByRole("option", { name: /^Checkout/ }).getAttribute("value");
  const localToday = await page.evaluate(() => new Intl.DateTimeFormat("en-CA", { year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date()));
  const downloadPromise = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export CSV (all keys)" }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(new RegExp(`^keydeck-usage-${slug}-24h-\\d{4}-\\d{2}-\\d{2}-to-${localToday}\\.csv$`));
  const csv = readFileSync((await download.path())!, "utf8");
  expect(csv).toBe(`\uFEFFday,key_id,key_name,environment,units,requests,refused_401,refused_429\r\n${localToday},${keyId},Checkout,live,${units},${costs.length},0,0\r\n`);
});

test("the Usage tab with 90 days of demo data, saved as a screenshot for review", async ({ page }) => {
  test.setTimeout(90_000);
  const { slug, projectId } = await createProjectViaUi(page, uniqueName("Demo Usage"));
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  await writeDemoUsage(client, { projectId });
  await client.end();

  await page.setViewportSize({ width: 1280, height: 1400 });
  await page.goto(`/projects/${slug}/usage`);
  await page.getByRole("button", { name: "30 days" }).click();
  await expect(page.getByRole("table", { name: /Units per day and key/ }).getByRole("row")).toHaveCount(31);
  await expect(page.getByRole("list", { name: "Chart series" }).getByRole("button")).toHaveCount(7); // the top 5 keys, Other, refused
  await page.getByRole("list", { name: "Chart series" }).getByRole("button").first().click();
  await expect(page.getByRole("list", { name: "Chart series" }).getByRole("button").first()).toHaveAttribute("aria-pressed", "false");
  await page.screenshot({ path: "test-results/screenshots/usage-demo.png", fullPage: false });

  await page.goto(`/projects/${slug}`);
  await expect(page.getByRole("progressbar", { name: "Quota used this period" })).toBeVisible();
  await page.screenshot({ path: "test-results/screenshots/overview-demo.png" });
});
