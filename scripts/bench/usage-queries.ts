// `npm run bench:usage`: times every usage query behind the Overview and
// Usage pages on demo data (90 days, 50 keys) in a fresh database on the
// local PostgreSQL, and prints p50 / p95 / max per query. Target: < 50 ms.
import pg from "pg";
import { performance } from "node:perf_hooks";
import { createTestDatabase } from "../lib/test-database";
import { writeDemoUsage } from "../lib/demo-usage";

const RUNS = 30;
const WARMUP = 3;
const TARGET_MS = 50;

async function main() {
  const database = await createTestDatabase("bench_usage");
  process.env.DATABASE_URL = database.url;
  // Imported after DATABASE_URL is set: lib/env reads it once.
  const { db } = await import("../../lib/db");
  const { createProject } = await import("../../lib/projects/mutations");
  const { usageSummary } = await import("../../lib/usage/summary");
  const { usageSeries } = await import("../../lib/usage/series");
  const { listProjects } = await import("../../lib/projects/queries");
  try {
    const user = await db.user.create({ data: { name: "Bench", email: "bench@example.test" } });
    const project = await createProject({ userId: user.id, ip: null, name: "Bench" });
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const seeded = await writeDemoUsage(client, { projectId: project.id });
    await client.query("ANALYZE");
    await client.end();
    console.log(`Demo data: ${seeded.keys} keys, ${seeded.hourlyRows.toLocaleString()} hourly rows.\n`);

    const scope = { userId: user.id, projectId: project.id };
    const cases: Array<[string, () => Promise<unknown>]> = [
      ["Overview: usage summary (UTC)", () => usageSummary({ ...scope, timeZone: "UTC" })],
      ["Overview: usage summary (America/New_York)", () => usageSummary({ ...scope, timeZone: "America/New_York" })],
      ["Projects list with quotas", () => listProjects({ userId: user.id })],
      ...(["24h", "7d", "30d", "90d"] as const).flatMap((range): Array<[string, () => Promise<unknown>]> => [
        [`Usage tab: ${range} (UTC)`, () => usageSeries({ ...scope, range, tz: "UTC" })],
        [`Usage tab: ${range} (Asia/Kolkata)`, () => usageSeries({ ...scope, range, tz: "Asia/Kolkata" })],
      ]),
    ];
    const rows: string[][] = [];
    let worst = 0;
    for (const [name, run] of cases) {
      for (let i = 0; i < WARMUP; i++) await run();
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const started = performance.now();
        await run();
        times.push(performance.now() - started);
      }
      times.sort((a, b) => a - b);
      const p = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
      worst = Math.max(worst, p(0.95));
      rows.push([name, p(0.5).toFixed(1), p(0.95).toFixed(1), times.at(-1)!.toFixed(1)]);
    }
    const widths = [44, 8, 8, 8];
    const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(" ");
    console.log(line(["query (ms, end to end through Prisma)", "p50", "p95", "max"]));
    for (const row of rows) console.log(line(row));
    console.log(`\nTarget: every query under ${TARGET_MS} ms. Worst p95: ${worst.toFixed(1)} ms — ${worst < TARGET_MS ? "met" : "NOT met"}.`);
  } finally {
    await db.$disconnect();
    await database.drop();
  }
}

void main();
