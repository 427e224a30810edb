import { z } from "zod";
import { Prisma } from "@prisma/client";
import { db } from "../db";
import { HOUR_MS } from "../plans/period";
import { requireProjectAccess } from "../projects/access";
import { timeZone } from "./time-zone";

export const USAGE_RANGES = ["24h", "7d", "30d", "90d"] as const;
export type UsageRange = (typeof USAGE_RANGES)[number];

export const usageSeriesQuery = z.object({
  range: z.enum(USAGE_RANGES).default("7d"),
  tz: timeZone.default("UTC"),
});

export type UsageBucket = {
  /** The bucket's first instant (UTC ISO); it ends where the next begins. */
  start: string;
  units: Record<string, number>;
  requests: number;
  refused: number;
};

export type KeyUsage = {
  keyId: string;
  name: string;
  hint: string;
  environment: string;
  revoked: boolean;
  units: number;
  requests: number;
  /** Units per bucket, for the trend line. */
  trend: number[];
};

export type UsageSeries = {
  range: UsageRange;
  timeZone: string;
  bucket: "hour" | "day";
  from: string;
  to: string;
  buckets: UsageBucket[];
  keys: KeyUsage[];
  totals: { units: number; requests: number; refused: number };
};

const DAYS: Record<Exclude<UsageRange, "24h">, number> = { "7d": 7, "30d": 30, "90d": 90 };
const DAY_MS = 86_400_000;

/**
 * Usage over time from the rollups: the last 24 hours by hour (from the
 * hourly rollups), or the last 7, 30 or 90 days by UTC day (from the daily
 * rollups), today included. Buckets are UTC, the one clock every reader and
 * the quota period share; the page states each bucket's boundaries in the
 * reader's time zone (`timeZone` only labels them).
 */
export async function usageSeries({
  userId,
  projectId,
  range,
  tz,
  now = new Date(),
}: {
  userId: string;
  projectId: string;
  range: UsageRange;
  tz: string;
  now?: Date;
}): Promise<UsageSeries> {
  await requireProjectAccess({ userId, projectId, permission: "project:read" });
  const hourly = range === "24h";
  const days = hourly ? 1 : DAYS[range];

  // Bucket starts: the last 24 whole UTC hours, or the last N UTC days.
  const step = hourly ? HOUR_MS : DAY_MS;
  const last = hourly ? Math.floor(now.getTime() / HOUR_MS) * HOUR_MS : Math.floor(now.getTime() / DAY_MS) * DAY_MS;
  const count = hourly ? 24 : days;
  const starts = Array.from({ length: count }, (_, i) => ({ start: new Date(last - (count - 1 - i) * step) }));
  const from = starts[0]!.start;
  const to = new Date(last + step);

  // Day ranges read the daily rollups (90 days × 50 keys = 4,500 rows at
  // most) instead of every hourly row, which keeps the query well under
  // 50 ms; metering writes both in the same transaction.
  // One round trip, two JSON arrays: the cells (bucket × key) and the keys'
  // display fields (their project is in the where). JSON keeps the driver's
  // per-row decoding off the 4,500 cells of a 90-day range.
  const cells = hourly
    ? Prisma.sql`SELECT hour AS bucket, key_id, units, requests, refused_unauthorized + refused_quota + refused_rate AS refused
                   FROM usage_hourly WHERE project_id = ${projectId} AND hour >= ${from} AND hour < ${to}`
    : Prisma.sql`SELECT day::timestamp AT TIME ZONE 'UTC' AS bucket, key_id, units, requests, refused_unauthorized + refused_quota + refused_rate AS refused
                   FROM usage_daily WHERE project_id = ${projectId} AND day >= ${from}::date AND day < ${to}::date`;
  const [result] = await db.$queryRaw<Array<{ cells: Array<[number, string, number, number, number]>; keys: Array<[string, string, string, string, boolean]> }>>`
    WITH u AS (${cells})
    SELECT (SELECT coalesce(json_agg(json_build_array((extract(epoch FROM bucket) * 1000)::float8, key_id, units::float8, requests::float8, refused::float8)), '[]'::json) FROM u) AS cells,
           (SELECT coalesce(json_agg(json_build_array(k.id, k.name, k.hint, k.environment::text, k.revoked_at IS NOT NULL)), '[]'::json)
              FROM api_keys k WHERE k.project_id = ${projectId} AND k.id IN (SELECT key_id FROM u)) AS keys`;
  const keyInfo = new Map(result!.keys.map(([id, name, hint, environment, revoked]) => [id, { name, hint, environment, revoked }]));
  const rows = result!.cells.map(([bucketMs, keyId, units, requests, refused]) => ({
    bucket: new Date(bucketMs),
    key_id: keyId,
    units,
    requests,
    refused,
    ...keyInfo.get(keyId)!,
  }));

  const indexByStart = new Map(starts.map((s, i) => [s.start.getTime(), i]));
  const buckets: UsageBucket[] = starts.map((s) => ({ start: s.start.toISOString(), units: {}, requests: 0, refused: 0 }));
  const perKey = new Map<string, KeyUsage>();
  for (const row of rows) {
    const i = indexByStart.get(row.bucket.getTime());
    if (i === undefined) throw new Error(`usage bucket ${row.bucket.toISOString()} is outside the range`);
    const bucket = buckets[i]!;
    bucket.units[row.key_id] = (bucket.units[row.key_id] ?? 0) + row.units;
    bucket.requests += row.requests;
    bucket.refused += row.refused;
    let key = perKey.get(row.key_id);
    if (!key) {
      key = { keyId: row.key_id, name: row.name, hint: row.hint, environment: row.environment, revoked: row.revoked, units: 0, requests: 0, trend: new Array<number>(buckets.length).fill(0) };
      perKey.set(row.key_id, key);
    }
    key.units += row.units;
    key.requests += row.requests;
    key.trend[i]! += row.units;
  }

  const keys = [...perKey.values()].sort((a, b) => b.units - a.units || a.hint.localeCompare(b.hint));

  return {
    range,
    timeZone: tz,
    bucket: hourly ? "hour" : "day",
    from: from.toISOString(),
    to: to.toISOString(),
    buckets,
    keys,
    totals: {
      units: keys.reduce((sum, k) => sum + k.units, 0),
      requests: keys.reduce((sum, k) => sum + k.requests, 0),
      refused: buckets.reduce((sum, b) => sum + b.refused, 0),
    },
  };
}
