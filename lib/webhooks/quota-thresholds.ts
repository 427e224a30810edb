import { PLAN_LIMITS, SANDBOX_PROJECT_ID } from "../plans/plans";
import { emitEvent, type SqlExecutor } from "./outbox";

/** Percentages of a quota (or of a key's credits) that emit `quota.threshold`, once each per period. */
export const QUOTA_THRESHOLDS = [80, 100] as const;

// Each project meter of the batch's periods at 80 % or more: the project's
// quota (live and sandbox, and test unless test keys have their own), and
// test keys' own quota where set. The rows were just written by this
// transaction, which holds their locks: a concurrent flush of the same
// project waits for this one's commit and then sees its event.
const PROJECT_METERS = `
SELECT p.id AS project_id, m.meter, extract(epoch FROM v.start)::float8 * 1000 AS start_ms, m.used, m.limit_units
  FROM unnest($1::text[], $2::float8[]) AS v0(project_id, start_ms)
  CROSS JOIN LATERAL (SELECT to_timestamp(v0.start_ms / 1000) AS start) v
  JOIN projects p ON p.id = v0.project_id
  CROSS JOIN LATERAL (
    SELECT 'project' AS meter,
           (SELECT coalesce(sum(u.units), 0) FROM project_usage u
             WHERE u.project_id = p.id AND u.period_start = v.start AND (p.test_monthly_units IS NULL OR u.environment <> 'test'))::float8 AS used,
           (CASE p.plan WHEN 'pro' THEN $4 WHEN 'custom' THEN coalesce(p.custom_monthly_units, $3) ELSE $3 END)::float8 AS limit_units
    UNION ALL
    SELECT 'test',
           (SELECT coalesce(sum(u.units), 0) FROM project_usage u WHERE u.project_id = p.id AND u.period_start = v.start AND u.environment = 'test')::float8,
           p.test_monthly_units::float8
     WHERE p.test_monthly_units IS NOT NULL
  ) m
 WHERE p.id <> $5 AND m.limit_units > 0 AND m.used >= m.limit_units * ${QUOTA_THRESHOLDS[0]} / 100.0`;

// Keys whose credits of the current period are at 80 % or more.
const CREDIT_METERS = `
SELECT id AS key_id, project_id, hint, name, credits_version AS version, credits_used::float8 AS used, credits_granted::float8 AS limit_units,
       (extract(epoch FROM credits_period_start) * 1000)::float8 AS start_ms
  FROM api_keys
 WHERE id = ANY($1::text[]) AND credits_granted > 0 AND credits_used >= credits_granted * ${QUOTA_THRESHOLDS[0]} / 100.0`;

type Crossing = { projectId: string; dedupeKey: string; data: Record<string, unknown> };

const reached = (used: number, limit: number) => QUOTA_THRESHOLDS.filter((t) => used * 100 >= limit * t);
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/**
 * Emits `quota.threshold` for every threshold the batch's projects and
 * credited keys have reached, on the flush's own transaction. Its dedupe
 * key (meter, period, threshold) makes it exactly once however many API
 * instances flush at the same moment.
 */
export async function emitQuotaThresholds(sql: SqlExecutor, scope: { periods: { projectId: string; start: number }[]; creditedKeyIds: string[] }): Promise<number> {
  const crossings: Crossing[] = [];
  if (scope.periods.length) {
    const rows = await sql<{ project_id: string; meter: string; start_ms: number; used: number; limit_units: number }>(PROJECT_METERS, [
      scope.periods.map((p) => p.projectId),
      scope.periods.map((p) => p.start),
      PLAN_LIMITS.free.monthlyUnits,
      PLAN_LIMITS.pro.monthlyUnits,
      SANDBOX_PROJECT_ID,
    ]);
    for (const row of rows)
      for (const threshold of reached(row.used, row.limit_units))
        crossings.push({
          projectId: row.project_id,
          dedupeKey: `quota.threshold:project:${row.project_id}:${row.meter}:${row.start_ms}:${threshold}`,
          data: { scope: row.meter === "test" ? "project_test_keys" : "project", threshold, used: row.used, limit: row.limit_units, period_start: iso(row.start_ms) },
        });
  }
  if (scope.creditedKeyIds.length) {
    const rows = await sql<{ key_id: string; project_id: string; hint: string; name: string; version: number; used: number; limit_units: number; start_ms: number | null }>(
      CREDIT_METERS,
      [scope.creditedKeyIds],
    );
    for (const row of rows)
      for (const threshold of reached(row.used, row.limit_units))
        crossings.push({
          projectId: row.project_id,
          dedupeKey: `quota.threshold:key:${row.key_id}:${row.version}:${row.start_ms ?? "none"}:${threshold}`,
          data: { scope: "key_credits", key: { id: row.key_id, hint: row.hint, name: row.name }, threshold, used: row.used, limit: row.limit_units, period_start: iso(row.start_ms) },
        });
  }
  if (!crossings.length) return 0;
  // Most flushes of a project above 80 % find its events written already: one read instead of an insert each.
  const existing = new Set(
    (await sql<{ dedupe_key: string }>(`SELECT dedupe_key FROM project_events WHERE dedupe_key = ANY($1::text[])`, [crossings.map((c) => c.dedupeKey)])).map((r) => r.dedupe_key),
  );
  let emitted = 0;
  // In one order everywhere: two flushes waiting on each other's keys cannot deadlock.
  for (const crossing of crossings.filter((c) => !existing.has(c.dedupeKey)).sort((a, b) => a.dedupeKey.localeCompare(b.dedupeKey))) {
    const written = await emitEvent(sql, { projectId: crossing.projectId, type: "quota.threshold", data: { project_id: crossing.projectId, ...crossing.data }, dedupeKey: crossing.dedupeKey });
    if (written) emitted++;
  }
  return emitted;
}
