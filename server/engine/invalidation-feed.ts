import "server-only";
import { hostname } from "node:os";
import { performance } from "node:perf_hooks";
import pg from "pg";
import type { ApiDatabase } from "./database";

export const INVALIDATION_CHANNEL = "keydeck_invalidation";
/** Sent by a metering flush at commit (payload: the instance's id), so the others read the new totals at once. */
export const USAGE_CHANNEL = "keydeck_usage";
export const LISTENER_APPLICATION_NAME = "keydeck-api-listener";

export type Invalidation = { id: string; keyId: string | null; projectId: string | null; reason: string };

const REGISTER = `
INSERT INTO api_instances (id, host, applied_invalidation_id, lease_ms, heartbeat_at)
SELECT $1, $2, coalesce($4::bigint, s.last_id), $3, clock_timestamp() FROM invalidation_sequence s WHERE s.id = 1
ON CONFLICT (id) DO UPDATE SET heartbeat_at = excluded.heartbeat_at, applied_invalidation_id = excluded.applied_invalidation_id
RETURNING applied_invalidation_id::text AS applied`;
const READ_NEW = `SELECT id::text AS id, key_id, project_id, reason FROM cache_invalidations WHERE id > $1::bigint ORDER BY id LIMIT 5000`;
// The acknowledgement and the heartbeat are one write, at database time.
const ACK = `UPDATE api_instances SET applied_invalidation_id = $2::bigint, heartbeat_at = clock_timestamp() WHERE id = $1`;
const PRUNE = `
WITH a AS (DELETE FROM cache_invalidations WHERE created_at < clock_timestamp() - interval '1 day'),
     b AS (DELETE FROM api_instances WHERE heartbeat_at < clock_timestamp() - interval '1 day'),
     c AS (DELETE FROM metering_batches WHERE created_at < clock_timestamp() - interval '7 days'),
     -- Past their 10 minutes (lib/idempotency): with them go sealed reveals nobody confirmed.
     d AS (DELETE FROM idempotent_requests WHERE created_at < clock_timestamp() - interval '10 minutes')
SELECT 1`;
const PRUNE_EVERY_MS = 10 * 60_000;

/**
 * This instance's side of cache invalidation (the writer's side is
 * lib/keys/invalidate.ts). Every change that must reach the key cache is a
 * row in cache_invalidations, numbered in commit order. The instance reads
 * new rows on a short poll, and at once when a NOTIFY arrives; after applying
 * them it writes the id it reached together with a heartbeat. A revoke waits
 * for that acknowledgement from every instance with a live heartbeat.
 *
 * The cache is trusted only while this feed is confirmed: a poll that started
 * less than `leaseMs` ago (local monotonic clock) succeeded, and, when
 * listening, the listener has been connected since before that poll. An
 * instance that stops confirming stops trusting (and clears) its cache
 * before the writers stop waiting for it: their cut-off is its last
 * heartbeat, written after the poll began, plus the lease plus a margin.
 *
 * With an outage grace (`graceMs`, CACHE_OUTAGE_GRACE_MS) the instance
 * registers `leaseMs + graceMs` as its lease, so writers wait that much
 * longer for it when it goes silent, and in exchange it keeps trusting its
 * cache for that long after its last confirmed poll: a database outage
 * shorter than the grace costs known keys nothing, and no revoke returns
 * while the cut-off instance could still answer 200. Answers that need the
 * database (lookups) still need a poll confirmed within `leaseMs`.
 */
export class InvalidationFeed {
  /** Bumped whenever anything is invalidated: a lookup that spanned a bump is redone. */
  generation = 0;
  private applied = "0";
  private confirmedAt = -Infinity;
  private listening = false;
  private listeningSince = Infinity;
  private trustedBefore = false;
  private pollTimer: NodeJS.Timeout | undefined;
  private polling: Promise<void> | null = null;
  private pollAgain = false;
  private listener: pg.Client | null = null;
  private reconnectDelay = 250;
  private lastPruneAt = 0;
  private stopped = false;
  readonly stats = { polls: 0, pollFailures: 0, notifications: 0, listenerDrops: 0, cacheClears: 0 };

  constructor(
    private readonly deps: {
      db: ApiDatabase;
      databaseUrl: string;
      instanceId: string;
      leaseMs: number;
      /** Extra trust in the cache, past the lease, while polls fail; 0 = fail closed at the lease. */
      graceMs: number;
      pollMs: number;
      listen: boolean;
      apply: (invalidations: Invalidation[]) => void;
      /** Trust was lost: the cache must be emptied. */
      clear: () => void;
      onError: (what: string, error: unknown) => void;
      /** Another instance committed a metering batch (only while listening). */
      onUsageFlushed?: () => void;
    },
  ) {}

  /** Registers the instance and confirms the feed once; the caller serves only after this. */
  async start(): Promise<void> {
    const { rows } = await this.deps.db.query<{ applied: string }>({
      text: REGISTER,
      values: [this.deps.instanceId, hostname(), this.trustWindowMs, null],
    });
    this.applied = rows[0]!.applied;
    if (this.deps.listen) await this.connectListener();
    await this.poll();
    this.pollTimer = setInterval(() => void this.poll(), this.deps.pollMs);
    this.pollTimer.unref();
  }

  /** Answers that come from the database may be given: the feed was confirmed within the lease. */
  fresh(now = performance.now()): boolean {
    return now - this.confirmedAt < this.deps.leaseMs;
  }

  /** How long after its last confirmed poll this instance may still answer from its cache: what writers wait for it. */
  get trustWindowMs(): number {
    return this.deps.leaseMs + this.deps.graceMs;
  }

  /** Cached entries may be used. Checked on every request, against the clock, not a timer. */
  trusted(now = performance.now()): boolean {
    const trusted =
      this.deps.graceMs > 0
        ? // The writers' wait (lease + grace after the last heartbeat) is the whole guarantee: a missed
          // notification only delays this instance's acknowledgement, and the writer waits for that.
          now - this.confirmedAt < this.trustWindowMs
        : this.fresh(now) && (!this.deps.listen || (this.listening && this.confirmedAt >= this.listeningSince));
    if (this.trustedBefore && !trusted) this.loseTrust();
    this.trustedBefore = trusted;
    return trusted;
  }

  /** Reads and applies new invalidations, then acknowledges; concurrent calls coalesce. */
  poll(): Promise<void> {
    if (this.polling) {
      this.pollAgain = true;
      return this.polling;
    }
    this.polling = this.pollOnce()
      .catch((error: unknown) => {
        this.stats.pollFailures++;
        this.deps.onError("invalidation poll failed", error);
      })
      .finally(() => {
        this.polling = null;
        if (this.pollAgain && !this.stopped) {
          this.pollAgain = false;
          void this.poll();
        }
      });
    return this.polling;
  }

  private async pollOnce(): Promise<void> {
    const { db, instanceId } = this.deps;
    const startedAt = performance.now();
    for (;;) {
      const { rows } = await db.query<{ id: string; key_id: string | null; project_id: string | null; reason: string }>({
        name: "keydeck_read_invalidations",
        text: READ_NEW,
        values: [this.applied],
      });
      if (rows.length) {
        this.deps.apply(rows.map((r) => ({ id: r.id, keyId: r.key_id, projectId: r.project_id, reason: r.reason })));
        this.generation++;
        this.applied = rows[rows.length - 1]!.id;
      }
      if (rows.length < 5000) break;
    }
    const ack = await db.query({ name: "keydeck_ack_invalidations", text: ACK, values: [instanceId, this.applied] });
    if (ack.rowCount === 0) {
      // Our row was pruned (a long stall): register again, keeping what we applied.
      await db.query({ text: REGISTER, values: [instanceId, hostname(), this.trustWindowMs, this.applied] });
    }
    this.stats.polls++;
    this.confirmedAt = Math.max(this.confirmedAt, startedAt);
    if (Date.now() - this.lastPruneAt > PRUNE_EVERY_MS) {
      this.lastPruneAt = Date.now();
      await db.query({ text: PRUNE }).catch((error: unknown) => this.deps.onError("pruning old rows failed", error));
    }
  }

  private loseTrust(): void {
    this.stats.cacheClears++;
    this.generation++;
    this.deps.clear();
  }

  private async connectListener(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.deps.databaseUrl,
      application_name: `${LISTENER_APPLICATION_NAME}:${this.deps.instanceId}`.slice(0, 63),
      connectionTimeoutMillis: 2000,
    });
    const dropped = (error?: unknown) => {
      if (this.listener !== client) return;
      this.listener = null;
      this.listening = false;
      this.listeningSince = Infinity;
      this.stats.listenerDrops++;
      // Notifications sent while disconnected are lost. Without a grace, stop
      // trusting the cache now; with one, the polls (and the writers' wait for
      // their acknowledgements) cover what was missed, and an outage must not
      // empty the cache it is meant to keep serving from.
      if (this.deps.graceMs === 0) {
        this.trustedBefore = false;
        this.loseTrust();
      }
      client.end().catch(() => {});
      if (error) this.deps.onError("invalidation listener dropped", error);
      this.scheduleReconnect();
    };
    client.on("error", dropped);
    client.on("end", () => dropped());
    client.on("notification", (message) => {
      this.stats.notifications++;
      if (message.channel === USAGE_CHANNEL) {
        if (message.payload !== this.deps.instanceId) this.deps.onUsageFlushed?.();
        return;
      }
      void this.poll();
    });
    this.listener = client;
    try {
      await client.connect();
      await client.query(`LISTEN ${INVALIDATION_CHANNEL}`);
      if (this.deps.onUsageFlushed) await client.query(`LISTEN ${USAGE_CHANNEL}`);
      this.reconnectDelay = 250;
      this.listening = true;
      // Only a poll that starts from now on covers what was missed.
      this.listeningSince = performance.now();
      void this.poll();
    } catch (error) {
      dropped(error);
    }
  }

  private scheduleReconnect(): void {
    if (this.stopped) return;
    const delay = this.reconnectDelay;
    this.reconnectDelay = Math.min(this.reconnectDelay * 2, 2000);
    setTimeout(() => {
      if (!this.stopped && !this.listener) void this.connectListener();
    }, delay).unref();
  }

  /** Stops polling and listening, and removes the instance's row so that no revoke waits for it. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.pollTimer);
    const listener = this.listener;
    this.listener = null;
    this.listening = false;
    await listener?.end().catch(() => {});
    await this.polling;
    await this.deps.db.query({ text: "DELETE FROM api_instances WHERE id = $1", values: [this.deps.instanceId] }).catch(() => {});
  }
}
