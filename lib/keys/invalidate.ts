import { db, type Tx } from "../db";

// The writer's side of key-cache invalidation (the API instances' side is
// server/engine/invalidation-feed.ts). A change that must stop a cached
// key from verifying writes an invalidation row in its own transaction, and
// its caller returns only once every running API instance has applied it, so
// "revoked" in the dashboard means no instance answers 200 for that key again.

export type InvalidationReason = "key_revoked" | "key_rotated" | "project_deleted" | "plan_changed" | "embed_changed";
export type CacheChange = { keyId?: string; projectId: string; reason: InvalidationReason };

/** How much later than its lease an instance's heartbeat may be before writers stop waiting for it. */
export const HEARTBEAT_MARGIN_MS = 500;
// A safety net only: an instance either acknowledges within a poll or its
// heartbeat ages out within its lease (at most 60 s, see lib/env.ts) plus the margin.
const MAX_WAIT_MS = 65_000;
const CHECK_EVERY_MS = 10;

/**
 * Records an invalidation with the transaction's client. The id comes from
 * the one-row invalidation_sequence: its row lock is held to commit, so ids
 * are assigned in commit order and an instance that has read up to id N has
 * seen every invalidation at or below N. pg_notify is delivered at commit.
 */
export async function recordInvalidation(tx: Tx, { keyId, projectId, reason }: CacheChange): Promise<bigint> {
  const rows = await tx.$queryRaw<{ id: bigint }[]>`
    WITH next AS (UPDATE invalidation_sequence SET last_id = last_id + 1 WHERE id = 1 RETURNING last_id),
         inserted AS (
           INSERT INTO cache_invalidations (id, key_id, project_id, reason)
           SELECT last_id, ${keyId ?? null}::text, ${projectId}::text, ${reason}::text FROM next
           RETURNING id)
    SELECT inserted.id FROM inserted, LATERAL (SELECT pg_notify('keydeck_invalidation', inserted.id::text)) AS notified`;
  const id = rows[0]?.id;
  if (id === undefined) throw new Error("invalidation_sequence has no row: run the verification_api migration");
  return id;
}

/**
 * Waits until every API instance with a live heartbeat has applied
 * invalidation `id`. With NOTIFY this takes milliseconds; without it
 * (`INVALIDATION_LISTEN=off`) one poll interval; an instance that stopped
 * polling is waited for at most its lease plus the margin. Call it after the
 * transaction has committed, never inside it: the instances cannot see the
 * invalidation before the commit, so the wait would only run out.
 */
export async function awaitInvalidation(id: bigint): Promise<void> {
  const deadline = Date.now() + MAX_WAIT_MS;
  for (;;) {
    let waiting: number | undefined;
    try {
      const [row] = await db.$queryRaw<{ waiting: number }[]>`
        SELECT count(*)::int AS waiting FROM api_instances
         WHERE applied_invalidation_id < ${id}
           AND heartbeat_at > clock_timestamp() - make_interval(secs => (lease_ms + ${HEARTBEAT_MARGIN_MS}) / 1000.0)`;
      waiting = row?.waiting ?? 0;
    } catch (error) {
      // A failed check proves nothing either way: check again (the change has committed).
      if (Date.now() > deadline) throw error;
    }
    if (waiting === 0) return;
    if (Date.now() > deadline) {
      console.error(`invalidation ${id}: ${waiting} API instance(s) neither acknowledged nor went silent within ${MAX_WAIT_MS} ms`);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, CHECK_EVERY_MS));
  }
}

/**
 * A transaction whose changes may invalidate cached keys: `invalidate`
 * records them inside it, and this returns after every instance applied them.
 */
export async function transactionInvalidating<T>(
  work: (tx: Tx, invalidate: (change: CacheChange) => Promise<void>) => Promise<T>,
): Promise<T> {
  let last: bigint | null = null;
  const result = await db.$transaction((tx) =>
    work(tx, async (change) => {
      last = await recordInvalidation(tx, change);
    }),
  );
  const id = last as bigint | null;
  if (id !== null) await awaitInvalidation(id);
  return result;
}
