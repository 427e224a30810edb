import { randomBytes } from "node:crypto";

/**
 * Runs one SQL statement on the caller's transaction: a Prisma transaction
 * client in the dashboard (`prismaSql`), a pg client in the API service and
 * the worker. The outbox writes through it so that an event shares the
 * fate of the change that caused it.
 */
export type SqlExecutor = <R extends Record<string, unknown>>(text: string, values: unknown[]) => Promise<R[]>;

export type NewEvent = {
  projectId: string;
  type: string;
  /** The event's `data`: ids, names and figures, never a secret. */
  data: Record<string, unknown>;
  /** Causes that several processes may see at once name themselves here, so only one event is written. */
  dedupeKey?: string;
  /** Deliver to this endpoint only, whatever it subscribes to ("Send test event"). */
  onlyEndpointId?: string;
};

/** webhook-id of every delivery of the event: unique per event, the same on every retry. */
export const newEventId = () => `msg_${randomBytes(16).toString("base64url")}`;

// A repeated dedupe key inserts nothing: concurrent writers of one key
// wait for the first to commit, then find it taken.
const INSERT_EVENT = `
INSERT INTO project_events (id, project_id, type, payload, dedupe_key) VALUES ($1, $2, $3, $4::jsonb, $5)
ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`;

// A delivery for every enabled endpoint of the project that subscribes to
// the type (or the one endpoint named).
const INSERT_DELIVERIES = `
INSERT INTO webhook_deliveries (id, event_id, endpoint_id, project_id, next_attempt_at)
SELECT 'dlv_' || replace(gen_random_uuid()::text, '-', ''), $1, e.id, e.project_id, now()
  FROM webhook_endpoints e
 WHERE e.project_id = $2 AND e.enabled AND (CASE WHEN $4::text IS NULL THEN $3 = ANY(e.event_types) ELSE e.id = $4::text END)
RETURNING id`;

// A separate statement, sent only when there is something to deliver: a
// project without endpoints never touches the job queue's schema.
const ENQUEUE = `
SELECT count(graphile_worker.add_job('webhook_deliver', json_build_object('deliveryId', d.id), job_key => 'webhook:' || d.id))::int AS queued
  FROM unnest($1::text[]) AS d(id)`;

/** Queues the first attempt of each delivery (graphile-worker's add_job, on the caller's transaction). */
export async function enqueueDeliveries(sql: SqlExecutor, deliveryIds: string[]): Promise<void> {
  if (deliveryIds.length) await sql(ENQUEUE, [deliveryIds]);
}

/** Writes an event and queues its deliveries, on the transaction of its cause. Null when its dedupe key was taken. */
export async function emitEvent(sql: SqlExecutor, event: NewEvent): Promise<{ eventId: string; deliveryIds: string[] } | null> {
  const eventId = newEventId();
  const inserted = await sql<{ id: string }>(INSERT_EVENT, [eventId, event.projectId, event.type, JSON.stringify(event.data), event.dedupeKey ?? null]);
  if (!inserted.length) return null;
  const deliveries = await sql<{ id: string }>(INSERT_DELIVERIES, [eventId, event.projectId, event.type, event.onlyEndpointId ?? null]);
  const deliveryIds = deliveries.map((d) => d.id);
  await enqueueDeliveries(sql, deliveryIds);
  return { eventId, deliveryIds };
}

/** The executor for a pg client or pool (the API service, the worker). */
export const pgSql =
  (client: { query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }> }): SqlExecutor =>
  async <R,>(text: string, values: unknown[]) =>
    (await client.query(text, values)).rows as R[];
