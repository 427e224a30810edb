import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createProject } from "@/lib/projects/mutations";
import { appErrorCode, createUser } from "@/tests/integration/factories";
import { parseCsv } from "@/tests/csv";
import { writeDemoUsage } from "@/scripts/lib/demo-usage";
import { usageSeries } from "./series";
import { usageExport } from "./usage-export";
import { USAGE_CSV_HEADER } from "./usage-csv";

// A project with many keys, so that a chart would fold most of them into
// "Other keys": the export must still carry every key on its own, and add
// up to exactly what the usage rows hold.
const now = new Date("2026-03-10T12:34:00Z");
const KEYS = 30;
let userId: string;
let projectId: string;
let slug: string;

beforeAll(async () => {
  const user = await createUser();
  const project = await createProject({ userId: user.id, ip: null, name: "Export" });
  [userId, projectId, slug] = [user.id, project.id, project.slug];
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    await writeDemoUsage(client, { projectId, days: 9, keys: KEYS, now });
  } finally {
    await client.end();
  }
  // Names a spreadsheet could misread: a comma, quotes, a formula.
  const [a, b] = await db.apiKey.findMany({ where: { projectId }, orderBy: { name: "asc" }, take: 2 });
  await db.apiKey.update({ where: { id: a!.id }, data: { name: 'Shop, "EU"' } });
  await db.apiKey.update({ where: { id: b!.id }, data: { name: "=HYPERLINK(1)" } });
});

afterAll(async () => {
  await db.$disconnect();
});

type Totals = { units: number; requests: number; r401: number; r429: number };

/** The CSV's records keyed `day|key_id`, checking the file's shape on the way. */
function records(csv: string) {
  expect(csv.startsWith("\uFEFF")).toBe(true);
  const [header, ...rows] = parseCsv(csv);
  expect(header).toEqual([...USAGE_CSV_HEADER]);
  const byCell = new Map<string, Totals & { name: string; environment: string }>();
  for (const row of rows) {
    expect(row).toHaveLength(8);
    const [day, keyId, name, environment, units, requests, r401, r429] = row as [string, string, string, string, string, string, string, string];
    expect(day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(byCell.has(`${day}|${keyId}`)).toBe(false); // one row per day and key
    byCell.set(`${day}|${keyId}`, { name, environment, units: Number(units), requests: Number(requests), r401: Number(r401), r429: Number(r429) });
  }
  return byCell;
}

const sumOf = (rows: Iterable<Totals>) => {
  const total = { units: 0, requests: 0, r401: 0, r429: 0 };
  for (const r of rows) for (const k of Object.keys(total) as Array<keyof Totals>) total[k] += r[k];
  return total;
};

describe("usageExport", () => {
  it("writes every key's every UTC day of a 7-day range, summing exactly to the daily rollups", async () => {
    const { csv, filename } = await usageExport({ userId, projectId, range: "7d", tz: "America/New_York", now });
    expect(filename).toBe(`keydeck-usage-${slug}-7d-2026-03-04-to-2026-03-10.csv`);
    const cells = records(csv);
    const expected = await db.$queryRaw<Array<{ day: string; key_id: string; name: string; environment: string } & Totals>>`
      SELECT to_char(d.day, 'YYYY-MM-DD') AS day, d.key_id, k.name, k.environment::text AS environment,
             d.units::float8 AS units, d.requests::float8 AS requests, d.refused_unauthorized::float8 AS r401,
             (d.refused_quota + d.refused_rate)::float8 AS r429
        FROM usage_daily d JOIN api_keys k ON k.id = d.key_id
       WHERE d.project_id = ${projectId} AND d.day >= '2026-03-04' AND d.day <= '2026-03-10'`;
    expect(expected.length).toBeGreaterThan(KEYS * 4);
    expect(cells.size).toBe(expected.length);
    for (const row of expected) {
      const cell = cells.get(`${row.day}|${row.key_id}`);
      expect(cell?.name.replace(/^'(?==)/, ""), row.key_id).toBe(row.name); // a formula-like name is defused (next test)
      expect(cell, `${row.day} ${row.key_id}`).toMatchObject({
        environment: row.environment,
        units: row.units,
        requests: row.requests,
        r401: row.r401,
        r429: row.r429,
      });
    }
    // Every key with usage is there on its own, and the totals are the hourly rows' too.
    const keysInCsv = new Set([...cells.keys()].map((k) => k.split("|")[1]));
    const [hourly] = await db.$queryRaw<Array<Totals & { keys: number }>>`
      SELECT count(DISTINCT key_id)::int AS keys, sum(units)::float8 AS units, sum(requests)::float8 AS requests,
             sum(refused_unauthorized)::float8 AS r401, sum(refused_quota + refused_rate)::float8 AS r429
        FROM usage_hourly WHERE project_id = ${projectId} AND hour >= '2026-03-04T00:00:00Z' AND hour < '2026-03-11T00:00:00Z'`;
    expect(keysInCsv.size).toBe(hourly!.keys);
    expect(hourly!.keys).toBeGreaterThan(20);
    const totals = sumOf(cells.values());
    expect(totals).toEqual({ units: hourly!.units, requests: hourly!.requests, r401: hourly!.r401, r429: hourly!.r429 });
    expect(totals.r429).toBeGreaterThan(0);
    // The chart's figures are the same.
    const series = await usageSeries({ userId, projectId, range: "7d", tz: "UTC", now });
    expect(series.totals.units).toBe(totals.units);
    expect(series.totals.requests).toBe(totals.requests);
    expect(series.totals.refused).toBe(totals.r401 + totals.r429);
  });

  it("keeps awkward key names intact, quoted and defused", async () => {
    const { csv } = await usageExport({ userId, projectId, range: "30d", tz: "UTC", now });
    const names = new Set([...records(csv).values()].map((r) => r.name));
    expect(names).toContain('Shop, "EU"');
    expect(names).toContain("'=HYPERLINK(1)");
    expect(csv).toContain(',"Shop, ""EU""",');
  });

  it("groups the 24-hour range's hours by the reader's date, summing exactly to the hourly rows", async () => {
    // 13:00 UTC on the 9th to 13:00 on the 10th is 18:30 on the 9th to 18:30 on the 10th in Kolkata.
    const { csv, filename } = await usageExport({ userId, projectId, range: "24h", tz: "Asia/Kolkata", now });
    expect(filename).toBe(`keydeck-usage-${slug}-24h-2026-03-09-to-2026-03-10.csv`);
    const cells = records(csv);
    const expected = await db.$queryRaw<Array<{ day: string; key_id: string } & Totals>>`
      SELECT to_char((hour AT TIME ZONE 'Asia/Kolkata')::date, 'YYYY-MM-DD') AS day, key_id,
             sum(units)::float8 AS units, sum(requests)::float8 AS requests,
             sum(refused_unauthorized)::float8 AS r401, sum(refused_quota + refused_rate)::float8 AS r429
        FROM usage_hourly WHERE project_id = ${projectId} AND hour >= '2026-03-09T13:00:00Z' AND hour < '2026-03-10T13:00:00Z'
       GROUP BY 1, 2`;
    expect(new Set([...cells.keys()].map((k) => k.split("|")[0]))).toEqual(new Set(["2026-03-09", "2026-03-10"]));
    expect(cells.size).toBe(expected.length);
    for (const row of expected) expect(cells.get(`${row.day}|${row.key_id}`)).toMatchObject({ units: row.units, requests: row.requests, r401: row.r401, r429: row.r429 });
  });

  it("writes one key's rows when the page shows one key, and refuses a key of another project", async () => {
    const key = (await db.apiKey.findFirst({ where: { projectId }, orderBy: { name: "desc" } }))!;
    const { csv, filename } = await usageExport({ userId, projectId, range: "7d", tz: "UTC", keyId: key.id, now });
    expect(filename).toContain(`-key-${key.id}.csv`);
    const cells = records(csv);
    expect(cells.size).toBeGreaterThan(0);
    expect(new Set([...cells.keys()].map((k) => k.split("|")[1]))).toEqual(new Set([key.id]));
    const [daily] = await db.$queryRaw<Array<{ units: number }>>`
      SELECT sum(units)::float8 AS units FROM usage_daily WHERE key_id = ${key.id} AND day >= '2026-03-04' AND day <= '2026-03-10'`;
    expect(sumOf(cells.values()).units).toBe(daily!.units);

    const other = await createProject({ userId, ip: null, name: "Other" });
    expect(await appErrorCode(usageExport({ userId, projectId: other.id, range: "7d", tz: "UTC", keyId: key.id, now }))).toBe("not_found");
  });

  it("is not found for a stranger", async () => {
    const stranger = await createUser();
    expect(await appErrorCode(usageExport({ userId: stranger.id, projectId, range: "7d", tz: "UTC", now }))).toBe("not_found");
  });
});
