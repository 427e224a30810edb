import { readFileSync } from "node:fs";
import pg from "pg";
import { expect, test, type Download, type Locator, type Page } from "@playwright/test";
import { uniqueName } from "./support/sign-in";
import { createProjectViaUi } from "./support/projects";
import { alice, storageStateOf } from "./support/users";
import { query } from "./support/db";
import { parseCsv } from "../tests/csv";
import { writeDemoUsage } from "../scripts/lib/demo-usage";

// The Usage tab of a project with many keys: a key filter and a top-N kept
// in the URL, an "Other keys" series that states its total, refused requests
// on an axis of their own, a tooltip that ranks and totals, tables that
// scroll in their own box, and a long-format CSV with every key.

test.use({ storageState: storageStateOf(alice) });

const KEYS = 24;
const CSV_HEADER = "day,key_id,key_name,environment,units,requests,refused_401,refused_429";

async function demoProject(page: Page, name: string) {
  const project = await createProjectViaUi(page, uniqueName(name));
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  await writeDemoUsage(client, { projectId: project.projectId, days: 8, keys: KEYS });
  await client.end();
  // A name a spreadsheet could misread, to follow through the export.
  await query(`UPDATE api_keys SET name = 'Shop, "EU"' WHERE project_id = $1 AND name = 'Demo service 2'`, [project.projectId]);
  return project;
}

/** Each key's units in the last 7 UTC days (the 7-day range), biggest first, from the rollups. */
async function unitsByKey(projectId: string) {
  return query<{ id: string; name: string; units: number }>(
    `SELECT k.id, k.name, sum(d.units)::int AS units FROM usage_daily d JOIN api_keys k ON k.id = d.key_id
      WHERE d.project_id = $1 AND d.day > (now() AT TIME ZONE 'UTC')::date - 7 GROUP BY k.id, k.name ORDER BY units DESC`,
    [projectId],
  );
}

const count = (text: string | null) => Number((text ?? "").replace(/[^\d]/g, ""));

async function downloadCsv(page: Page, name: string | RegExp): Promise<string> {
  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name }).click();
  const download: Download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^keydeck-usage-[a-z0-9-]+-7d-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}(-key-\w+)?\.csv$/);
  return readFileSync((await download.path())!, "utf8");
}

const legend = (page: Page) => page.getByRole("list", { name: "Chart series" }).getByRole("button");

test("the key filter and the top-N live in the URL, survive a reload, and the CSV has every key on its own", async ({ page }) => {
  test.setTimeout(90_000);
  const { slug, projectId } = await demoProject(page, "Usage filters");
  const byKey = await unitsByKey(projectId);
  expect(byKey.length).toBe(KEYS - 1); // the revoked key's traffic stopped 20 days ago
  const otherUnits = (top: number) => byKey.slice(top).reduce((sum, k) => sum + k.units, 0);

  await page.goto(`/projects/${slug}/usage`);
  const keySelect = page.getByRole("combobox", { name: "Key", exact: true });
  const topSelect = page.getByRole("combobox", { name: "Keys shown separately" });
  await expect(keySelect).toHaveValue("");
  await expect(topSelect).toHaveValue("5");
  // Five keys, "Other keys" with its total, refused.
  await expect(legend(page)).toHaveCount(7);
  const other = page.getByRole("list", { name: "Chart series" }).getByRole("button", { name: /^Other keys/ });
  await expect(other).toHaveAccessibleName(`Other keys (${byKey.length - 5}) ${otherUnits(5).toLocaleString("en-US")} units`);
  // The keys table hides none of them.
  const keysTable = page.getByRole("table", { name: "Units and requests per key" });
  await expect(keysTable.getByRole("row")).toHaveCount(byKey.length + 1);
  await expect(keysTable.getByRole("row", { name: /Other keys/ })).toHaveCount(byKey.length - 5);

  await topSelect.selectOption("10");
  await expect(page).toHaveURL(/[?&]top=10(&|$)/);
  await expect(legend(page)).toHaveCount(12);
  await expect(other).toHaveAccessibleName(`Other keys (${byKey.length - 10}) ${otherUnits(10).toLocaleString("en-US")} units`);

  // All keys: the CSV has every key's every day, and its figures are the rollups'.
  const all = await downloadCsv(page, "Export CSV (all keys)");
  expect(all.startsWith(`\uFEFF${CSV_HEADER}\r\n`)).toBe(true);
  const [header, ...rows] = parseCsv(all);
  expect(header!.join(",")).toBe(CSV_HEADER);
  const [daily] = await query<{ rows: number }>(
    `SELECT count(*)::int AS rows FROM usage_daily WHERE project_id = $1 AND day > (now() AT TIME ZONE 'UTC')::date - 7`,
    [projectId],
  );
  expect(rows).toHaveLength(daily!.rows);
  expect(new Set(rows.map((r) => r[1])).size).toBe(byKey.length);
  expect(rows.some((r) => /Other/.test(r[2]!))).toBe(false);
  expect(rows.filter((r) => r[2] === 'Shop, "EU"').length).toBeGreaterThan(0);
  for (const key of byKey) expect(rows.filter((r) => r[1] === key.id).reduce((sum, r) => sum + Number(r[4]), 0), key.name).toBe(key.units);

  // One key: its series only, in the URL, and the export follows it.
  const chosen = byKey[3]!;
  await keySelect.selectOption(chosen.id);
  await expect(page).toHaveURL(new RegExp(`[?&]key=${chosen.id}(&|$)`));
  await expect(legend(page)).toHaveCount(2); // the key and refused
  await expect(legend(page).first()).toHaveAccessibleName(new RegExp(`^${chosen.name} .* ${chosen.units.toLocaleString("en-US")} units$`));
  await expect(keysTable.getByRole("row")).toHaveCount(2);

  await page.reload();
  await expect(keySelect).toHaveValue(chosen.id);
  await expect(topSelect).toHaveValue("10");
  await expect(legend(page)).toHaveCount(2);
  await expect(page.getByRole("table", { name: /Units per day and key/ }).getByRole("columnheader")).toHaveText(["Day", new RegExp(`^${chosen.name}`), "Total units", "Refused"]);

  const one = parseCsv(await downloadCsv(page, "Export CSV (selected key only)")).slice(1);
  expect(one.length).toBeGreaterThan(0);
  expect(new Set(one.map((r) => r[1]))).toEqual(new Set([chosen.id]));
  expect(one.reduce((sum, r) => sum + Number(r[4]), 0)).toBe(chosen.units);

  await keySelect.selectOption({ label: "All keys" });
  await expect(page).toHaveURL(new RegExp(`/projects/${slug}/usage\\?top=10$`));

  // Parameters the page does not know fall back to the defaults, and the address says so.
  await page.goto(`/projects/${slug}/usage?range=forever&top=7&key=no-such-key`);
  await expect(page).toHaveURL(new RegExp(`/projects/${slug}/usage$`));
  await expect(page.getByRole("button", { name: "7 days" })).toHaveAttribute("aria-pressed", "true");
  await expect(topSelect).toHaveValue("5");
  await expect(keySelect).toHaveValue("");
});

/** The tooltip's rows as [name, figure], read from the chart (drawn for the eye, hidden from assistive technology). */
async function tooltipRows(tooltip: Locator): Promise<Array<[string, number]>> {
  const rows = tooltip.getByRole("row", { includeHidden: true });
  const out: Array<[string, number]> = [];
  for (let i = 0; i < (await rows.count()); i++) {
    const row = rows.nth(i);
    out.push([(await row.getByRole("rowheader", { includeHidden: true }).textContent())!.trim(), count(await row.getByRole("cell", { includeHidden: true }).textContent())]);
  }
  return out;
}

test("the tooltip ranks the series and totals them; refused requests have their own labelled axis", async ({ page }) => {
  test.setTimeout(90_000);
  const { slug } = await demoProject(page, "Usage tooltip");
  await page.setViewportSize({ width: 1280, height: 1000 });
  await page.goto(`/projects/${slug}/usage?top=10`);
  const chart = page.getByRole("figure", { name: "Usage chart" });
  await expect(chart).toBeVisible();

  // Units on the left axis, refused requests on the right one.
  const box = (await chart.boundingBox())!;
  const unitsLabel = chart.getByText("Units", { exact: true });
  const refusedLabel = chart.getByText("Refused requests", { exact: true });
  await expect(unitsLabel).toBeVisible();
  await expect(refusedLabel).toBeVisible();
  expect((await unitsLabel.boundingBox())!.x).toBeLessThan(box.x + box.width * 0.1);
  expect((await refusedLabel.boundingBox())!.x).toBeGreaterThan(box.x + box.width * 0.9);

  // Hover the fourth of seven days.
  await page.mouse.move(box.x + box.width * (3.5 / 7), box.y + box.height / 2);
  const tooltip = chart.getByRole("table", { name: /^Usage in /, includeHidden: true });
  await expect(tooltip).toBeVisible();
  const day = (await tooltip.getAttribute("aria-label"))!.replace("Usage in ", "");
  expect(day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  const rows = await tooltipRows(tooltip);
  const totalAt = rows.findIndex(([name]) => name === "Total");
  const entries = rows.slice(0, totalAt);
  expect(entries.length).toBe(11); // ten keys and Other keys, all with traffic on a demo day
  const values = entries.map(([, value]) => value);
  expect(values).toEqual([...values].sort((a, b) => b - a));
  expect(rows[totalAt]![1]).toBe(values.reduce((a, b) => a + b, 0));
  expect(rows[totalAt + 1]![0]).toBe("Refused requests (401/429)");

  // The same day in the table under the chart: the same total and refusals.
  const tableRow = page.getByRole("table", { name: /Units per day and key/ }).getByRole("row", { name: new RegExp(`^${day}`) });
  await expect(tableRow.getByRole("cell").nth(-2)).toHaveText(rows[totalAt]![1].toLocaleString("en-US"));
  await expect(tableRow.getByRole("cell").nth(-1)).toHaveText(rows[totalAt + 1]![1].toLocaleString("en-US"));

  // Hiding refused requests takes their axis away too.
  await page.getByRole("list", { name: "Chart series" }).getByRole("button", { name: /^Refused requests/ }).click();
  await expect(refusedLabel).toHaveCount(0);
  await expect(unitsLabel).toBeVisible();
});

test("at 360 px the tables scroll inside their own boxes, reachable by keyboard, and the page never sideways", async ({ page }) => {
  test.setTimeout(90_000);
  const { slug } = await demoProject(page, "Usage narrow");
  await page.setViewportSize({ width: 360, height: 800 });
  await page.goto(`/projects/${slug}/usage?range=30d&top=20`);
  await expect(page.getByRole("table", { name: /Units per day and key/ }).getByRole("row")).toHaveCount(31);
  for (const name of [/Units per day and key/, /Units and requests per key/]) {
    const region = page.getByRole("region", { name });
    await expect(region).toBeVisible();
    await region.focus();
    await expect(region).toBeFocused();
    const before = await region.evaluate((el) => el.scrollLeft);
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowRight");
    await expect.poll(() => region.evaluate((el) => el.scrollLeft)).toBeGreaterThan(before);
  }
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
});
