import "server-only";
import type { KeyEnvironment } from "../../lib/keys/format";
import type { ApiDatabase } from "./database";
import type { VerifiedKey } from "./types";

export type UsageReport = {
  project_id: string;
  environment: KeyEnvironment;
  period: { start: string; end: string };
  quota: { limit: number; used: number; remaining: number; period_end: string };
  days: { date: string; units: number; requests: number; refused: { unauthorized: number; quota: number; rate: number } }[];
  keys: { key_id: string; hint: string; environment: KeyEnvironment; units: number; requests: number }[];
};

const MAX_KEYS_LISTED = 1000;

// Both read usage_hourly through its (project_id, hour) index. $3 narrows a
// sandbox key's report to itself: the sandbox project is shared by everyone.
const BY_DAY = `
SELECT to_char(hour AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS date,
       sum(units)::float8 AS units, sum(requests)::float8 AS requests,
       sum(refused_unauthorized)::float8 AS unauthorized, sum(refused_quota)::float8 AS quota, sum(refused_rate)::float8 AS rate
  FROM usage_hourly
 WHERE project_id = $1 AND hour >= to_timestamp($2::float8 / 1000) AND hour < to_timestamp($4::float8 / 1000)
   AND ($3::text IS NULL OR key_id = $3)
 GROUP BY 1 ORDER BY 1`;
const BY_KEY = `
SELECT h.key_id, k.hint, k.environment::text AS environment, sum(h.units)::float8 AS units, sum(h.requests)::float8 AS requests
  FROM usage_hourly h JOIN api_keys k ON k.id = h.key_id
 WHERE h.project_id = $1 AND h.hour >= to_timestamp($2::float8 / 1000) AND h.hour < to_timestamp($4::float8 / 1000)
   AND ($3::text IS NULL OR h.key_id = $3)
 GROUP BY h.key_id, k.hint, k.environment ORDER BY units DESC, h.key_id LIMIT ${MAX_KEYS_LISTED}`;

/**
 * The key's project usage in the current period, per UTC day and per key
 * (masked hints only). `quota` is live (this instance's count); days and
 * keys come from flushed rollups, at most one flush interval behind.
 */
export async function usageReport(db: ApiDatabase, key: VerifiedKey, period: { start: number; end: number }): Promise<UsageReport> {
  const onlyKey = key.environment === "sandbox" ? key.keyId : null;
  const values = [key.projectId, period.start, onlyKey, period.end];
  const [days, keys] = await Promise.all([
    db.query<{ date: string; units: number; requests: number; unauthorized: number; quota: number; rate: number }>({ text: BY_DAY, values }),
    db.query<{ key_id: string; hint: string; environment: KeyEnvironment; units: number; requests: number }>({ text: BY_KEY, values }),
  ]);
  return {
    project_id: key.projectId,
    environment: key.environment,
    period: { start: new Date(period.start).toISOString(), end: new Date(period.end).toISOString() },
    quota: { limit: key.quota.limit, used: key.quota.used, remaining: key.quota.remaining, period_end: new Date(key.quota.periodEnd).toISOString() },
    days: days.rows.map((d) => ({ date: d.date, units: d.units, requests: d.requests, refused: { unauthorized: d.unauthorized, quota: d.quota, rate: d.rate } })),
    keys: keys.rows,
  };
}
