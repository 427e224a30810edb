import pg from "pg";
import { generateKey, hashKey, keyHint } from "../../lib/keys/format";

export const PROJECTS = 100;
export const KEYS = 100_000;
export const POOL = 20_000;

/**
 * 100 projects on a custom plan high enough that neither quota nor rate
 * limit refuses anything (both are still checked on every request), with
 * 100,000 keys between them; returns 20,000 of the plaintexts (200 per
 * project) as the load's pool.
 */
export async function seed(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const projectIds = Array.from({ length: PROJECTS }, (_, i) => `bench-project-${i}`);
    await client.query(
      `INSERT INTO projects (id, name, slug, plan, custom_monthly_units, custom_rps, updated_at)
       SELECT id, id, id, 'custom', 2000000000, 1000000, now() AT TIME ZONE 'UTC' FROM unnest($1::text[]) AS id`,
      [projectIds],
    );
    const pool: string[] = [];
    const perProject = KEYS / PROJECTS;
    for (let start = 0; start < KEYS; start += 10_000) {
      const ids: string[] = [];
      const projects: string[] = [];
      const hashes: string[] = [];
      const hints: string[] = [];
      for (let i = start; i < start + 10_000; i++) {
        const key = generateKey("kd", "live");
        if (i % perProject < POOL / PROJECTS) pool.push(key);
        ids.push(`bench-key-${i}`);
        projects.push(projectIds[Math.floor(i / perProject)]!);
        hashes.push(hashKey(key));
        hints.push(keyHint(key));
      }
      await client.query(
        `INSERT INTO api_keys (id, project_id, name, environment, hash, hint)
         SELECT id, project_id, 'bench', 'live', hash, hint FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS k(id, project_id, hash, hint)`,
        [ids, projects, hashes, hints],
      );
    }
    await client.query("ANALYZE api_keys");
    return pool;
  } finally {
    await client.end();
  }
}

export async function recordedUnits(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ units: number }>("SELECT coalesce(sum(units), 0)::float8 AS units FROM usage_hourly");
    return rows[0]!.units;
  } finally {
    await client.end();
  }
}
