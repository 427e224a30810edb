// `npm run seed:demo [-- <project-slug>]`: fills a project (default: the dev
// seed's "Acme Payments") with 90 days of realistic usage from 50 keys.
// Uses DATABASE_URL, or the dev command's embedded database (running or not).
import path from "node:path";
import pg from "pg";
import { openDevDatabase } from "./lib/dev-database";
import { writeDemoUsage } from "./lib/demo-usage";
import { maskDatabaseUrl } from "./lib/embedded-postgres";

async function main() {
  const slug = process.argv[2] ?? "acme-payments";
  const database = await openDevDatabase(path.resolve(__dirname, ".."));
  const client = new pg.Client({ connectionString: database.url });
  try {
    await client.connect().catch((error: Error) => {
      throw new Error(`Cannot reach PostgreSQL at ${maskDatabaseUrl(database.url)} (${database.description}): ${error.message}`);
    });
    const { rows } = await client.query<{ id: string }>(`SELECT id FROM projects WHERE slug = $1`, [slug]);
    if (!rows[0]) {
      throw new Error(`No project with the slug "${slug}" in ${database.description}. Create it in the dashboard, or run \`npm run db:seed\` for the demo projects.`);
    }
    const started = Date.now();
    const result = await writeDemoUsage(client, { projectId: rows[0].id, prefix: process.env.KEY_PREFIX || "kd" });
    console.log(
      `Filled ${slug}: ${result.keys} keys, ${result.hourlyRows.toLocaleString()} hourly rows, quota ${result.monthlyUnits.toLocaleString()} units/month (${Date.now() - started} ms).`,
    );
  } finally {
    await client.end().catch(() => {});
    await database.release();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
