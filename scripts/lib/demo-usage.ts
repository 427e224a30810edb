// Realistic usage for a demo project: 90 days, 50 keys, a working-day rhythm,
// a few spikes, and some 429s. Written straight into the hourly rollups and
// the period counters exactly as metering would have written them, so the
// dashboard, GET /api/v1/usage and the quota check all agree on it.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { generateKey, hashKey, keyHint } from "../../lib/keys/format";

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

export type DemoUsageOptions = { projectId: string; days?: number; keys?: number; prefix?: string; now?: Date; seed?: number };

/** A small deterministic PRNG, so the same seed draws the same demo. */
function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Traffic by UTC hour of day: quiet nights, a working-day hump peaking mid-afternoon.
const HOUR_SHAPE = Array.from({ length: 24 }, (_, h) => 0.08 + Math.exp(-((h - 14) ** 2) / 18));

export async function writeDemoUsage(client: pg.Client, options: DemoUsageOptions) {
  const days = options.days ?? 90;
  const keyCount = options.keys ?? 50;
  const prefix = options.prefix ?? "kd";
  const random = mulberry32(options.seed ?? 42);
  const now = options.now ?? new Date();
  const currentHour = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS;
  const firstHour = currentHour - (days * 24 - 1) * HOUR_MS;

  await client.query("BEGIN");
  try {
    // Replace an earlier demo of this project.
    await client.query(`DELETE FROM api_keys WHERE project_id = $1 AND name LIKE 'Demo %'`, [options.projectId]);
    await client.query(`DELETE FROM project_usage WHERE project_id = $1`, [options.projectId]);

    const keys = Array.from({ length: keyCount }, (_, i) => {
      const environment = i % 5 === 4 ? "test" : "live";
      const plaintext = generateKey(prefix, environment); // thrown away: demo keys are never shown
      return {
        id: `demo_${options.projectId.slice(-8)}_${i.toString().padStart(2, "0")}_${randomBytes(3).toString("hex")}`,
        name: `Demo ${environment === "live" ? "service" : "sandbox"} ${i + 1}`,
        environment,
        hash: hashKey(plaintext),
        hint: keyHint(plaintext),
        // Zipf-like: a few keys carry most of the traffic.
        weight: 1 / (i + 1) ** 0.9,
        createdAt: new Date(firstHour - DAY_MS - i * HOUR_MS),
        revokedAt: i === keyCount - 1 ? new Date(currentHour - 20 * DAY_MS) : null,
      };
    });
    await client.query(
      `INSERT INTO api_keys (id, project_id, name, environment, hash, hint, created_at, revoked_at)
       SELECT u.id, $1, u.name, u.env::"KeyEnvironment", u.hash, u.hint, u.created_at, u.revoked_at
         FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamp[], $8::timestamp[])
              AS u(id, name, env, hash, hint, created_at, revoked_at)`,
      [
        options.projectId,
        keys.map((k) => k.id),
        keys.map((k) => k.name),
        keys.map((k) => k.environment),
        keys.map((k) => k.hash),
        keys.map((k) => k.hint),
        keys.map((k) => k.createdAt.toISOString()),
        keys.map((k) => k.revokedAt?.toISOString() ?? null),
      ],
    );

    const spikeDays = new Set(Array.from({ length: 4 }, () => Math.floor(random() * days)));
    const rows = { key: [] as string[], hour: [] as string[], env: [] as string[], units: [] as number[], requests: [] as number[], quota: [] as number[], rate: [] as number[], unauth: [] as number[] };
    const periods = new Map<string, number>();
    /** Each key's last hour with a counted request: its "last used" lies within it. */
    const lastHourUsed = new Map<string, number>();
    for (let hour = firstHour; hour <= currentHour; hour += HOUR_MS) {
      const date = new Date(hour);
      const dayIndex = Math.floor((hour - firstHour) / DAY_MS);
      const weekday = date.getUTCDay() % 6 !== 0; // Sunday 0, Saturday 6
      const spike = spikeDays.has(dayIndex) && date.getUTCHours() >= 12 && date.getUTCHours() < 18;
      const base = 600 * HOUR_SHAPE[date.getUTCHours()]! * (weekday ? 1 : 0.3) * (spike ? 4 : 1);
      for (const key of keys) {
        if (key.revokedAt && hour >= key.revokedAt.getTime()) continue;
        const requests = Math.round(base * key.weight * (0.7 + random() * 0.6));
        if (requests === 0) continue;
        const units = requests + (random() < 0.1 ? Math.round(requests * random()) : 0);
        const rate = spike && key.weight > 0.3 ? Math.round(requests * 0.05) : 0;
        rows.key.push(key.id);
        rows.hour.push(date.toISOString());
        rows.env.push(key.environment);
        rows.units.push(units);
        rows.requests.push(requests);
        rows.rate.push(rate);
        rows.quota.push(0);
        rows.unauth.push(random() < 0.02 ? 1 : 0);
        lastHourUsed.set(key.id, hour);
        const periodStart = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1)).toISOString();
        const periodKey = `${periodStart}|${key.environment}`;
        periods.set(periodKey, (periods.get(periodKey) ?? 0) + units);
      }
    }
    const CHUNK = 20_000;
    for (let i = 0; i < rows.key.length; i += CHUNK) {
      const slice = <T,>(a: T[]) => a.slice(i, i + CHUNK);
      await client.query(
        `INSERT INTO usage_hourly (key_id, hour, project_id, environment, units, requests, refused_unauthorized, refused_quota, refused_rate)
         SELECT u.key_id, u.hour, $1, u.env::"KeyEnvironment", u.units, u.requests, u.unauth, u.quota, u.rate
           FROM unnest($2::text[], $3::timestamptz[], $4::text[], $5::bigint[], $6::bigint[], $7::bigint[], $8::bigint[], $9::bigint[])
                AS u(key_id, hour, env, units, requests, unauth, quota, rate)`,
        [options.projectId, slice(rows.key), slice(rows.hour), slice(rows.env), slice(rows.units), slice(rows.requests), slice(rows.unauth), slice(rows.quota), slice(rows.rate)],
      );
    }
    // "Last used", as metering writes it with the same rows: a moment in the
    // key's last hour of traffic (not in the future), and nothing for a key
    // the demo never used. Most keys' callers send client_ip (addresses of
    // the documentation ranges, RFC 5737 and 3849); every fourth sends none.
    const lastUsed = [...lastHourUsed].map(([id, hour]) => ({ id, at: Math.min(now.getTime(), hour + Math.floor(random() * HOUR_MS)) }));
    const clientIp = (i: number) => (i % 4 === 3 ? null : i % 4 === 2 ? `2001:db8::${(i + 1).toString(16)}` : `${i % 4 === 0 ? "203.0.113" : "198.51.100"}.${(i % 250) + 1}`);
    await client.query(
      `UPDATE api_keys k SET last_used_at = u.at, last_used_ip = u.ip FROM unnest($1::text[], $2::timestamp[], $3::text[]) AS u(id, at, ip) WHERE k.id = u.id`,
      [lastUsed.map((u) => u.id), lastUsed.map((u) => new Date(u.at).toISOString()), lastUsed.map((_, i) => clientIp(i))],
    );
    // The daily rollups, as metering writes them beside the hourly rows.
    await client.query(
      `INSERT INTO usage_daily (key_id, day, project_id, environment, units, requests, refused_unauthorized, refused_quota, refused_rate)
       SELECT key_id, (hour AT TIME ZONE 'UTC')::date, project_id, min(environment::text)::"KeyEnvironment",
              sum(units), sum(requests), sum(refused_unauthorized), sum(refused_quota), sum(refused_rate)
         FROM usage_hourly WHERE project_id = $1 GROUP BY key_id, (hour AT TIME ZONE 'UTC')::date, project_id`,
      [options.projectId],
    );
    for (const [periodKey, units] of periods) {
      const [periodStart, environment] = periodKey.split("|");
      await client.query(
        `INSERT INTO project_usage (project_id, period_start, environment, units) VALUES ($1, $2, $3::"KeyEnvironment", $4)`,
        [options.projectId, periodStart, environment, units],
      );
    }
    // A plan whose quota this month's traffic uses about three quarters of.
    const thisPeriod = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)).toISOString();
    const used = (periods.get(`${thisPeriod}|live`) ?? 0) + (periods.get(`${thisPeriod}|test`) ?? 0);
    const monthlyUnits = Math.max(1000, Math.ceil((used / 0.74) * (30 / Math.max(1, now.getUTCDate())) / 1000) * 1000);
    await client.query(`UPDATE projects SET plan = 'custom', custom_monthly_units = $2, custom_rps = 50 WHERE id = $1`, [options.projectId, monthlyUnits]);
    await client.query("COMMIT");
    return { keys: keys.length, hourlyRows: rows.key.length, monthlyUnits };
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  }
}
