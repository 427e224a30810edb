// `npm run seed:demo [-- <project-slug>]`: fills a project (default: the dev
// seed's "Acme Payments") with 90 days of realistic usage from 50 keys.
// Uses DATABASE_URL, or the embedded database that `npm run dev` runs.
import pg from "pg";
import { writeDemoUsage } from "./lib/demo-usage";

const EMBEDDED_URL = `postgresql://postgres:postgres@127.0.0.1:${process.env.EMBEDDED_PG_PORT || 5433}/postgres`;

async function main() {
  const slug = process.argv[2] ?? "acme-payments";
  const url = process.env.DATABASE_URL || EMBEDDED_URL;
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch {
    console.error(`Cannot reach PostgreSQL at ${url.replace(/:[^:@/]+@/, ":***@")}. Start \`npm run dev\` first, or set DATABASE_URL.`);
    process.exit(1);
  }
  try {
    const { rows } = await client.query<{ id: string }>(`SELECT id FROM projects WHERE slug = $1`, [slug]);
    if (!rows[0]) {
      console.error(`No project with the slug "${slug}". Create it in the dashboard, or run \`npm run db:seed\` for the demo projects.`);
      process.exit(1);
    }
    const started = Date.now();
    const result = await writeDemoUsage(client, { projectId: rows[0].id, prefix: process.env.KEY_PREFIX || "kd" });
    console.log(
      `Filled ${slug}: ${result.keys} keys, ${result.hourlyRows.toLocaleString()} hourly rows, quota ${result.monthlyUnits.toLocaleString()} units/month (${Date.now() - started} ms).`,
    );
  } finally {
    await client.end();
  }
}

void main();
