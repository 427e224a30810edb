import { SANDBOX_PROJECT_ID } from "../plans/plans";
import { emitEvent, type SqlExecutor } from "./outbox";

const DAY_MS = 86_400_000;
/** Reminders before a key's expiry: 7 days and 1 day. */
export const EXPIRY_REMINDERS = [{ days: 7 }, { days: 1 }] as const;
/** Keys that expired longer ago than this (e.g. before webhooks existed) are not announced. */
const EXPIRED_LOOKBACK_MS = 7 * DAY_MS;

// Keys that are due a reminder or an expiry notice and do not have it yet.
// Not announced: revoked keys, keys replaced by a rotation (their expiry is
// the rotation's overlap, which key.rotated announced), sandbox keys, and a
// reminder window the key did not live through (a 3-day key gets no 7-day
// reminder). The dedupe key carries the expiry, so a changed expiry is
// announced anew.
const DUE = `
SELECT k.id, k.project_id, k.name, k.hint, k.environment::text AS environment,
       (extract(epoch FROM k.expires_at) * 1000)::float8 AS expires_ms, d.kind, d.days, d.dedupe_key
  FROM api_keys k
  CROSS JOIN LATERAL (
    SELECT 'key.expired' AS kind, 0 AS days, 'key.expired:' || k.id || ':' || (extract(epoch FROM k.expires_at) * 1000)::bigint AS dedupe_key
     WHERE k.expires_at <= $1::timestamp AND k.expires_at > $1::timestamp - make_interval(secs => $2::float8 / 1000)
    UNION ALL
    SELECT 'key.expiring', r.days, 'key.expiring:' || k.id || ':' || (extract(epoch FROM k.expires_at) * 1000)::bigint || ':' || r.days || 'd'
      FROM unnest($3::int[], $4::int[]) AS r(days, next_days)
     WHERE k.expires_at > $1::timestamp
       AND k.expires_at <= $1::timestamp + make_interval(days => r.days)
       AND k.expires_at > $1::timestamp + make_interval(days => r.next_days)
       AND k.created_at <= k.expires_at - make_interval(days => r.days)
  ) d
 WHERE k.expires_at IS NOT NULL AND k.expires_at > $1::timestamp - make_interval(secs => $2::float8 / 1000) AND k.expires_at <= $1::timestamp + make_interval(days => $5)
   AND k.revoked_at IS NULL AND k.environment <> 'sandbox' AND k.project_id <> $6
   AND NOT EXISTS (SELECT 1 FROM api_keys n WHERE n.rotated_from_id = k.id)
   AND NOT EXISTS (SELECT 1 FROM project_events e WHERE e.dedupe_key = d.dedupe_key)
 ORDER BY d.dedupe_key
 LIMIT 500`;

type Due = { id: string; project_id: string; name: string; hint: string; environment: string; expires_ms: number; kind: "key.expired" | "key.expiring"; days: number; dedupe_key: string };

/**
 * Emits `key.expiring` (7 days and 1 day before) and `key.expired` for keys
 * that are due them, each exactly once (its dedupe key). Run every minute by
 * the webhook worker's cron; returns how many events it wrote.
 */
export async function emitKeyExpiryEvents(sql: SqlExecutor, now: Date = new Date()): Promise<number> {
  const reminders = [...EXPIRY_REMINDERS].map((r) => r.days).sort((a, b) => b - a);
  const next = reminders.map((_, i) => reminders[i + 1] ?? 0);
  // api_keys.expires_at is a timestamp without time zone holding UTC.
  const at = now.toISOString().replace("T", " ").replace("Z", "");
  const due = await sql<Due>(DUE, [at, EXPIRED_LOOKBACK_MS, reminders, next, reminders[0], SANDBOX_PROJECT_ID]);
  let emitted = 0;
  for (const row of due) {
    const key = { id: row.id, name: row.name, hint: row.hint, environment: row.environment, expires_at: new Date(row.expires_ms).toISOString() };
    const data = row.kind === "key.expiring" ? { project_id: row.project_id, key, days_left: row.days } : { project_id: row.project_id, key };
    if (await emitEvent(sql, { projectId: row.project_id, type: row.kind, data, dedupeKey: row.dedupe_key })) emitted++;
  }
  return emitted;
}
