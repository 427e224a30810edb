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

/** What the policy run's requests send: `environment`, a `client_ip` in the last of the keys' 10 CIDRs, and a 3-term permission query. */
export const POLICY_FIELDS = { environment: "live", client_ip: "10.9.8.7", permissions: "charges.write AND (refunds.read OR refunds.write)" };
const POLICY_CIDRS = ["192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24", "2001:db8::/32", "172.16.0.0/12", "100.64.0.0/10", "fd00::/8", "192.168.0.0/16", "169.254.0.0/16", "10.0.0.0/8"];
const POLICY_NAMES = ["charges.read", "charges.write", "charges.refund", "refunds.read", "refunds.write", "customers.read", "customers.write", "payouts.read"];

/**
 * Gives every project 8 permission names and every key a policy: an
 * allowlist of 10 CIDRs (the request's address in the last one checked) and
 * a scoped set with a wildcard (`charges.*`, `refunds.read`).
 */
export async function applyPolicy(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO project_permissions (id, project_id, name)
       SELECT p.id || ':' || n.name, p.id, n.name FROM projects p, unnest($1::text[]) AS n(name) WHERE p.id LIKE 'bench-project-%'`,
      [POLICY_NAMES],
    );
    await client.query(`UPDATE api_keys SET all_permissions = false, permissions = $1::text[], ip_allowlist = $2::text[] WHERE id LIKE 'bench-key-%'`, [
      ["charges.*", "refunds.read"],
      POLICY_CIDRS,
    ]);
  } finally {
    await client.end();
  }
}

/** Back to keys without a policy (the interleaved runs without it). */
export async function removePolicy(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DELETE FROM project_permissions WHERE project_id LIKE 'bench-project-%'`);
    await client.query(`UPDATE api_keys SET all_permissions = true, permissions = '{}', ip_allowlist = '{}' WHERE id LIKE 'bench-key-%'`);
  } finally {
    await client.end();
  }
}
