import type pg from "pg";
import { retryDelayMs, type RetryPolicy } from "../../lib/webhooks/backoff";
import { openWebhookSecret, signedHeaders } from "../../lib/webhooks/signing";
import { postWebhook, type PostResult } from "./post";

export type DeliverySettings = {
  encryptionKey: string;
  retry: RetryPolicy;
  allowPrivate: boolean;
  timeoutMs?: number;
};

type Claimed = {
  delivery_id: string;
  project_id: string;
  endpoint_id: string;
  url: string;
  event_id: string;
  type: string;
  payload: unknown;
  event_created_at: Date;
  attempt_id: string;
  number: number;
  final: boolean;
  started_at: Date;
  secrets: { id: string; sealed: string }[];
};

const CLAIM = `
SELECT d.id, d.status, d.attempts, d.created_at, d.project_id, d.endpoint_id, e.url, e.enabled,
       ev.id AS event_id, ev.type, ev.payload, ev.created_at AS event_created_at,
       d.next_attempt_at IS NOT NULL AND d.next_attempt_at > now() + interval '1 second' AS early, now() AS now
  FROM webhook_deliveries d
  JOIN webhook_endpoints e ON e.id = d.endpoint_id
  JOIN project_events ev ON ev.id = d.event_id
 WHERE d.id = $1
   FOR UPDATE OF d`;

// The next try is queued before this one is sent: a worker killed
// mid-request (or a host that dies) leaves it queued, and it runs with the
// same webhook-id. The job key lets a success remove it.
const SCHEDULE_NEXT = `SELECT graphile_worker.add_job('webhook_deliver', json_build_object('deliveryId', $1::text), run_at => $2::timestamptz, job_key => 'webhook:' || $1::text)`;
const UNSCHEDULE = `SELECT graphile_worker.remove_job('webhook:' || $1::text)`;

/**
 * One attempt of one delivery, the task behind the `webhook_deliver` job.
 * A scheduled attempt runs only while the delivery is pending and due (a
 * stale duplicate job finds it not due and does nothing); a manual one
 * (Resend) always sends once and schedules nothing.
 */
export async function deliverOnce(pool: pg.Pool, deliveryId: string, manual: boolean, settings: DeliverySettings): Promise<PostResult | null> {
  const claimed = await transaction(pool, (client) => claim(client, deliveryId, manual, settings));
  if (!claimed) return null;
  const secrets = claimed.secrets.map((s) => openWebhookSecret(s.sealed, settings.encryptionKey, { projectId: claimed.project_id, secretId: s.id }));
  const body = JSON.stringify({ type: claimed.type, timestamp: claimed.event_created_at.toISOString(), data: claimed.payload });
  const headers = signedHeaders(claimed.event_id, new Date(), body, secrets);
  const result = await postWebhook(claimed.url, headers, body, { allowPrivate: settings.allowPrivate, timeoutMs: settings.timeoutMs });
  await transaction(pool, (client) => settle(client, claimed, result, manual, settings));
  return result;
}

async function claim(client: pg.PoolClient, deliveryId: string, manual: boolean, settings: DeliverySettings): Promise<Claimed | null> {
  const row = (await client.query(CLAIM, [deliveryId])).rows[0] as
    | { status: string; attempts: number; created_at: Date; project_id: string; endpoint_id: string; url: string; enabled: boolean; event_id: string; type: string; payload: unknown; event_created_at: Date; early: boolean; now: Date }
    | undefined;
  if (!row || !row.enabled) return null;
  if (!manual && (row.status !== "pending" || row.early)) return null;
  const number = row.attempts + 1;
  let final = manual;
  if (!manual) {
    const next = new Date(row.now.getTime() + retryDelayMs(number, settings.retry));
    final = next.getTime() > row.created_at.getTime() + settings.retry.windowMs;
    await client.query(`UPDATE webhook_deliveries SET attempts = $2, next_attempt_at = $3 WHERE id = $1`, [deliveryId, number, final ? null : next]);
    if (!final) await client.query(SCHEDULE_NEXT, [deliveryId, next]);
  } else {
    await client.query(`UPDATE webhook_deliveries SET attempts = $2 WHERE id = $1`, [deliveryId, number]);
  }
  const attempt = await client.query<{ id: string; started_at: Date }>(
    `INSERT INTO webhook_attempts (id, delivery_id, endpoint_id, number, trigger) VALUES ('att_' || replace(gen_random_uuid()::text, '-', ''), $1, $2, $3, $4) RETURNING id, started_at`,
    [deliveryId, row.endpoint_id, number, manual ? "manual" : "scheduled"],
  );
  const secrets = await client.query<{ id: string; sealed: string }>(
    `SELECT id, sealed FROM webhook_secrets WHERE endpoint_id = $1 AND (expires_at IS NULL OR expires_at > now()) ORDER BY created_at DESC`,
    [row.endpoint_id],
  );
  return {
    delivery_id: deliveryId,
    project_id: row.project_id,
    endpoint_id: row.endpoint_id,
    url: row.url,
    event_id: row.event_id,
    type: row.type,
    payload: row.payload,
    event_created_at: row.event_created_at,
    attempt_id: attempt.rows[0]!.id,
    started_at: attempt.rows[0]!.started_at,
    number,
    final,
    secrets: secrets.rows,
  };
}

const succeeded = (result: PostResult) => result.error === null && result.status !== null && result.status >= 200 && result.status < 300;

async function settle(client: pg.PoolClient, claimed: Claimed, result: PostResult, manual: boolean, settings: DeliverySettings): Promise<void> {
  await client.query(
    `UPDATE webhook_attempts SET finished_at = now(), status_code = $2, error = $3, latency_ms = $4, response_body = $5 WHERE id = $1`,
    [claimed.attempt_id, result.status, result.error, result.latencyMs, result.body],
  );
  if (succeeded(result)) {
    await client.query(`UPDATE webhook_deliveries SET status = 'succeeded', next_attempt_at = NULL WHERE id = $1`, [claimed.delivery_id]);
    await client.query(UNSCHEDULE, [claimed.delivery_id]);
    await client.query(`UPDATE webhook_endpoints SET failing_since = NULL WHERE id = $1 AND failing_since IS NOT NULL`, [claimed.endpoint_id]);
    return;
  }
  if (!manual && claimed.final) await client.query(`UPDATE webhook_deliveries SET status = 'failed' WHERE id = $1 AND status = 'pending'`, [claimed.delivery_id]);
  // Failing since the first failure after the last success. The endpoint is
  // switched off (and says why on the Webhooks tab) once it has failed for
  // the whole retry window: a failure that long after the first, or the last
  // scheduled attempt of a delivery that failed from its first attempt on.
  const why = result.status !== null ? `HTTP ${result.status}` : result.error;
  await client.query(
    `WITH failing AS (
       SELECT coalesce(failing_since, $2) AS since FROM webhook_endpoints WHERE id = $1
     ), verdict AS (
       SELECT since, since <= now() - make_interval(secs => $3::float8 / 1000)
                  OR ($6 AND since <= (SELECT min(started_at) FROM webhook_attempts WHERE delivery_id = $7)) AS give_up
         FROM failing
     )
     UPDATE webhook_endpoints e
        SET failing_since = verdict.since,
            enabled = CASE WHEN verdict.give_up THEN false ELSE e.enabled END,
            disabled_reason = CASE WHEN verdict.give_up AND e.enabled
                                   THEN 'Disabled by Keydeck: every delivery failed for ' || $4 || ' (last answer: ' || $5 || ').' ELSE e.disabled_reason END
       FROM verdict
      WHERE e.id = $1`,
    [claimed.endpoint_id, claimed.started_at, settings.retry.windowMs, windowText(settings.retry.windowMs), why, !manual && claimed.final, claimed.delivery_id],
  );
}

const windowText = (ms: number) => (ms % 86_400_000 === 0 ? `${ms / 86_400_000} days` : `${Math.round(ms / 1000)} seconds`);

async function transaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
