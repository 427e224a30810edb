import { z } from "zod";
import { Prisma } from "@prisma/client";
import { db } from "../db";
import { HOUR_MS } from "../plans/period";
import { requireProjectAccess } from "../projects/access";
import { isRowId } from "../row-id";
import { creditBalance, creditColumns, type CreditBalance } from "../keys/credit-balance";
import { timeZone } from "./time-zone";
import { USAGE_RANGES, type UsageRange } from "./usage-params";

export { USAGE_RANGES, type UsageRange };

export const usageSeriesQuery = z.object({
  range: z.enum(USAGE_RANGES).default("7d"),
  tz: timeZone.default("UTC"),
  key: z.string().refine(isRowId, { error: "Not a key id." }).optional(),
});

export type UsageBucket = {
  /** The bucket's first instant (UTC ISO); it ends where the next begins. */
  start: string;
  units: Record<string, number>;
  requests: number;
  refused: number;
};

/** A key of the project, as the key filter offers it. */
export type KeyOption = { keyId: string; name: string; hint: string; environment: string; revoked: boolean };

export type KeyUsage = KeyOption & {
  units: number;
  requests: number;
  /** Units per bucket, for the trend line. */
  trend: number[];
};

export type UsageSeries = {
  range: UsageRange;
  /** The one key shown, or null for all; a key the project does not have is ignored (null). */
  keyId: string | null;
  /** Every key of the project, revoked ones included, for the key filter. */
  keyOptions: KeyOption[];
  timeZone: string;
  bucket: "hour" | "day";
  from: string;
  to: string;
  buckets: UsageBucket[];
  keys: KeyUsage[];
  totals: { units: number; requests: number; refused: number };
  /** The one key's credits, when it has some (the keys list and the key's page show the same figures). */
  credits: CreditBalance | null;
};

const DAYS: Record<Exclude<UsageRange, "24h">, number> = { "7d": 7, "30d": 30, "90d": 90 };
const DAY_MS = 86_400_000;

/** What the Usage tab asks for: whose view, which project, range and key, and the reader's zone. */
export type UsageQuery = {
  userId: string;
  projectId: string;
  range: UsageRange;
  tz: string;
  /** One key, or null for all. */
  keyId?: string | null;
  now?: Date;
};

/** A range's buckets: the last 24 whole UTC hours, or the last N UTC days, the current one included; `to` is exclusive. */
export function usageWindow(range: UsageRange, now: Date) {
  const hourly = range === "24h";
  const step = hourly ? HOUR_MS : DAY_MS;
  const last = Math.floor(now.getTime() / step) * step;
  const count = hourly ? 24 : DAYS[range];
  const starts = Array.from({ length: count }, (_, i) => ({ start: new Date(last - (count - 1 - i) * step) }));
  return { hourly, starts, from: starts[0]!.start, to: new Date(last + step) };
}

/**
 * Usage over time from the rollups: the last 24 hours by hour (from the
 * hourly rollups), or the last 7, 30 or 90 days by UTC day (from the daily
 * rollups), today included. Buckets are UTC, the one clock every reader and
 * the quota period share; the page states each bucket's boundaries in the
 * reader's time zone (`timeZone` only labels them).
 */
export async function usageSeries({ userId, projectId, range, tz, keyId = null, now = new Date() }: UsageQuery): Promise<UsageSeries> {
  await requireProjectAccess({ userId, projectId, permission: "project:read" });
  const keyOptions = await projectKeyOptions(projectId);
  const filter = keyOptions.some((k) => k.keyId === keyId) ? keyId : null;
  const { hourly, starts, from, to } = usageWindow(range, now);

  // Day ranges read the daily rollups (90 days × 50 keys = 4,500 rows at
  // most) instead of every hourly row, which keeps the query well under
  // 50 ms; metering writes both in the same transaction. JSON keeps the
  // driver's per-row decoding off the 4,500 cells of a 90-day range.
  const oneKey = filter ? Prisma.sql`AND key_id = ${filter}` : Prisma.empty;
  const cells = hourly
    ? Prisma.sql`SELECT hour AS bucket, key_id, units, requests, refused_unauthorized + refused_quota + refused_rate AS refused
                   FROM usage_hourly WHERE project_id = ${projectId} AND hour >= ${from} AND hour < ${to} ${oneKey}`
    : Prisma.sql`SELECT day::timestamp AT TIME ZONE 'UTC' AS bucket, key_id, units, requests, refused_unauthorized + refused_quota + refused_rate AS refused
                   FROM usage_daily WHERE project_id = ${projectId} AND day >= ${from}::date AND day < ${to}::date ${oneKey}`;
  const [[result], credited] = await Promise.all([
    db.$queryRaw<Array<{ cells: Array<[number, string, number, number, number]> }>>`
      WITH u AS (${cells})
      SELECT coalesce(json_agg(json_build_array((extract(epoch FROM bucket) * 1000)::float8, key_id, units::float8, requests::float8, refused::float8)), '[]'::json) AS cells FROM u`,
    filter ? db.apiKey.findFirst({ where: { id: filter, projectId }, select: creditColumns }) : null,
  ]);
  const keyInfo = new Map(keyOptions.map((k) => [k.keyId, k]));

  const indexByStart = new Map(starts.map((s, i) => [s.start.getTime(), i]));
  const buckets: UsageBucket[] = starts.map((s) => ({ start: s.start.toISOString(), units: {}, requests: 0, refused: 0 }));
  const perKey = new Map<string, KeyUsage>();
  for (const [bucketMs, keyId, units, requests, refused] of result!.cells) {
    const i = indexByStart.get(bucketMs);
    if (i === undefined) throw new Error(`usage bucket ${new Date(bucketMs).toISOString()} is outside the range`);
    const bucket = buckets[i]!;
    bucket.units[keyId] = (bucket.units[keyId] ?? 0) + units;
    bucket.requests += requests;
    bucket.refused += refused;
    let key = perKey.get(keyId);
    if (!key) {
      key = { ...keyInfo.get(keyId)!, units: 0, requests: 0, trend: new Array<number>(buckets.length).fill(0) };
      perKey.set(keyId, key);
    }
    key.units += units;
    key.requests += requests;
    key.trend[i]! += units;
  }

  const keys = [...perKey.values()].sort((a, b) => b.units - a.units || a.hint.localeCompare(b.hint));

  return {
    range,
    keyId: filter,
    keyOptions,
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
    credits: credited ? creditBalance(credited, now) : null,
  };
}

/** Every key of the project, by name: the key filter's choices, and the names of the keys in the cells. */
async function projectKeyOptions(projectId: string): Promise<KeyOption[]> {
  const keys = await db.apiKey.findMany({
    where: { projectId },
    select: { id: true, name: true, hint: true, environment: true, revokedAt: true },
    orderBy: [{ name: "asc" }, { createdAt: "asc" }],
  });
  return keys.map((k) => ({ keyId: k.id, name: k.name, hint: k.hint, environment: k.environment, revoked: k.revokedAt !== null }));
}
