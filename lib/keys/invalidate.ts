import type { PrismaClient } from "@prisma/client";
import { db, type Tx } from "../db";
import type { InstanceAcknowledgement, InvalidationReceipt, SilentInstance } from "./receipt";

// The writer's side of key-cache invalidation (the API instances' side is
// server/engine/invalidation-feed.ts). A change that must stop a cached
// key from verifying writes an invalidation row in its own transaction, and
// its caller returns only once every running API instance has applied it, so
// "revoked" in the dashboard means no instance answers 200 for that key again.

export type InvalidationReason =
  | "key_revoked"
  | "key_rotated"
  | "key_policy_changed"
  | "permissions_changed"
  | "project_deleted"
  | "plan_changed"
  | "embed_changed";
export type CacheChange = { keyId?: string; projectId: string; reason: InvalidationReason };

/** How much later than its lease an instance's heartbeat may be before writers stop waiting for it. */
export const HEARTBEAT_MARGIN_MS = 500;
// A safety net only: an instance either acknowledges within a poll or its
// heartbeat ages out within its lease plus outage grace (at most 60 s + 300 s,
// see lib/env.ts) plus the margin.
const MAX_WAIT_MS = 365_000;
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

type InstanceRow = { id: string; host: string; applied: bigint; heartbeatAt: Date; leaseMs: number; live: boolean };

async function readInstances(client: PrismaClient): Promise<InstanceRow[]> {
  return client.$queryRaw<InstanceRow[]>`
    SELECT id, host, applied_invalidation_id AS applied, heartbeat_at AS "heartbeatAt", lease_ms AS "leaseMs",
           heartbeat_at > clock_timestamp() - make_interval(secs => (lease_ms + ${HEARTBEAT_MARGIN_MS}) / 1000.0) AS live
      FROM api_instances`;
}

/**
 * Waits until every API instance that was serving when invalidation `id`
 * committed has applied it, or has certainly stopped trusting its cache (its
 * heartbeat older than its lease plus the margin, or it shut down), and
 * returns the receipt: who acknowledged when, and who went silent instead.
 * With NOTIFY this takes milliseconds; an instance that stopped polling is
 * waited for at most its lease plus the margin. Call it after the
 * transaction has committed: the instances cannot see the change before.
 */
export async function awaitInvalidation(id: bigint, client: PrismaClient = db): Promise<InvalidationReceipt> {
  const started = Date.now();
  const deadline = started + MAX_WAIT_MS;
  // Instances that start after the commit load keys fresh: only these count.
  let pending: Map<string, { host: string }> | null = null;
  let worstCaseMs = 0;
  const acknowledged: InstanceAcknowledgement[] = [];
  const silent: SilentInstance[] = [];
  for (;;) {
    let rows: InstanceRow[] | null = null;
    try {
      rows = await readInstances(client);
    } catch (error) {
      // A failed check proves nothing either way: check again (the change has committed).
      if (Date.now() > deadline) throw error;
    }
    if (rows) {
      if (pending === null) {
        const live = rows.filter((row) => row.live);
        pending = new Map(live.map((row) => [row.id, { host: row.host }]));
        // An instance that neither answers nor shuts down is waited for this long at most.
        worstCaseMs = Math.max(0, ...live.map((row) => row.leaseMs + HEARTBEAT_MARGIN_MS));
      }
      const byId = new Map(rows.map((row) => [row.id, row]));
      for (const [instanceId, { host }] of pending) {
        const row = byId.get(instanceId);
        if (!row) {
          // It removed its own row on a clean shutdown: it serves nothing any more.
          silent.push({ id: instanceId, host, stoppedTrustingAt: new Date().toISOString(), reason: "shut_down" });
        } else if (row.applied >= id) {
          // The acknowledgement and the heartbeat are one write, so the heartbeat is when it acknowledged.
          acknowledged.push({ id: instanceId, host, acknowledgedAt: row.heartbeatAt.toISOString() });
        } else if (!row.live) {
          const stoppedTrustingAt = new Date(row.heartbeatAt.getTime() + row.leaseMs).toISOString();
          silent.push({ id: instanceId, host, stoppedTrustingAt, reason: "lease_expired" });
        } else continue;
        pending.delete(instanceId);
      }
      if (pending.size === 0) break;
    }
    if (Date.now() > deadline) {
      console.error(`invalidation ${id}: ${pending?.size ?? "?"} API instance(s) neither acknowledged nor went silent within ${MAX_WAIT_MS} ms`);
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, CHECK_EVERY_MS));
  }
  return {
    instances: acknowledged.length + silent.length + (pending?.size ?? 0),
    acknowledged,
    silent,
    elapsedMs: Date.now() - started,
    worstCaseMs,
    completedAt: new Date().toISOString(),
  };
}

/** Where a change's receipt is kept: the activity row that records the change. */
export type ReceiptTarget = (activityId: string) => void;

/**
 * A transaction whose changes may invalidate cached keys: `invalidate`
 * records them inside it; this returns after every instance applied them (or
 * stopped trusting its cache), with the receipt, which is also written into
 * the activity row named with `keepReceiptIn`. A transaction that
 * invalidated nothing returns `receipt: null`. `client` is the dashboard's
 * one client unless a process brings its own (the /api/v1 service).
 */
export async function transactionInvalidating<T extends object>(
  work: (tx: Tx, invalidate: (change: CacheChange) => Promise<void>, keepReceiptIn: ReceiptTarget) => Promise<T>,
  client: PrismaClient = db,
): Promise<T & { receipt: InvalidationReceipt | null }> {
  let last: bigint | null = null;
  // One receipt may belong to several rows (a batch of leaked keys).
  const activityIds: string[] = [];
  const value = await client.$transaction((tx) =>
    work(
      tx,
      async (change) => {
        last = await recordInvalidation(tx, change);
      },
      (id) => {
        activityIds.push(id);
      },
    ),
  );
  const id = last as bigint | null;
  if (id === null) return { ...value, receipt: null };
  const receipt = await awaitInvalidation(id, client);
  for (const activityId of activityIds) await keepReceipt(client, activityId, receipt);
  return { ...value, receipt };
}

async function keepReceipt(client: PrismaClient, activityId: string, receipt: InvalidationReceipt) {
  // After the commit, so a second short write; a failure here loses only the
  // receipt's copy in the log, never the change, and the caller still gets it.
  try {
    await client.$executeRaw`
      UPDATE activity_events SET metadata = metadata || jsonb_build_object('receipt', ${JSON.stringify(receipt)}::jsonb)
       WHERE id = ${activityId}`;
  } catch (error) {
    console.error("could not keep the invalidation receipt in the activity log", error);
  }
}
