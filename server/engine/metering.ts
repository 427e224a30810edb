import "server-only";
import { randomUUID } from "node:crypto";
import type { KeyEnvironment } from "../../lib/keys/format";
import { addressText } from "../../lib/keys/ip-allowlist";
import type { ApiDatabase, Queryable } from "./database";
import type { CreditMeter, Meters } from "./meters";
import { periodOf, type PeriodClock } from "../../lib/plans/period";
import type { UsageBuffer, UsageEntry } from "./usage-buffer";
import { pgSql } from "../../lib/webhooks/outbox";
import { emitQuotaThresholds } from "../../lib/webhooks/quota-thresholds";

/** last_used_at is written at most this often per key and instance: no write per request. */
export const LAST_USED_RESOLUTION_MS = 60_000;

/** A batch as written: its id, its entries, and what the service's event loop prepared for the statements. */
type Batch = {
  id: string;
  size: number;
  /** The usage rows as a jsonb parameter (see JsonbArray). */
  hourly: Buffer;
  periodRows: { projectId: string; start: number; environment: KeyEnvironment; units: number }[];
  /** Units per capped (sandbox) key, for their meters. */
  cappedUnits: Map<string, number>;
  /** Per key: the batch's latest request, and its client address (when it gave one). */
  touched: Map<string, Touch>;
  /** The same as [key id, epoch ms, address] rows, a jsonb parameter. */
  touchedRows: Buffer;
  /** Credits spent per meter, taken from the meters when the batch was cut. */
  credits: { meter: CreditMeter; units: number }[];
};

type Touch = { at: number; ip: string | null };

/**
 * Entries serialised between two yields to the event loop. 1,000 was ~0.5 ms
 * on a fast machine but 2–8 ms on a slow one, long enough to stall every
 * request in flight past the 2 ms p99 (CPU profile, docs/BENCHMARKS.md); 250
 * keeps each slice well under a millisecond there.
 */
const SLICE = 250;
const yieldToRequests = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Hands `items` to `fn` up to SLICE at a time, yielding to requests between slices. */
async function eachSlice<T>(items: Iterable<T>, fn: (slice: T[]) => void): Promise<void> {
  let slice: T[] = [];
  let yieldFirst = false;
  const handOver = async () => {
    if (yieldFirst) await yieldToRequests();
    yieldFirst = true;
    fn(slice);
    slice = [];
  };
  for (const item of items) {
    slice.push(item);
    if (slice.length === SLICE) await handOver();
  }
  if (slice.length) await handOver();
}

const INSERT_BATCH = `INSERT INTO metering_batches (id, instance_id) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING`;

// Additive upserts, so instances add to the same rows. Rows are sorted so
// that concurrent flushes lock them in the same order and cannot deadlock
// (PostgreSQL sorts: it is not the service's event loop that pays); the
// hourly rows are all written before the first daily one (the daily insert
// waits on the hourly one's count), so every flush locks the two tables in
// the same order too. Rows of keys deleted since (their project was) are
// skipped. A batch travels as one JSON array of rows: PostgreSQL parses it in
// C, where pg's JS array literals cost the service's event loop ~5× more; as
// jsonb, parsed once, and in one statement for both tables, the batch is read
// and checked against api_keys once instead of twice, and each field is not
// re-parsed from text (together about a quarter of the flush's database time
// with a 12,000-row batch).
const UPSERT_USAGE = `
WITH batch AS MATERIALIZED (
  SELECT e->>0 AS key_id, (e->>1)::float8 AS hour_ms, e->>2 AS project_id, (e->>3)::"KeyEnvironment" AS environment,
         (e->>4)::bigint AS units, (e->>5)::bigint AS requests,
         (e->>6)::bigint AS refused_unauthorized, (e->>7)::bigint AS refused_quota, (e->>8)::bigint AS refused_rate
    FROM jsonb_array_elements($1::jsonb) AS u(e)
   WHERE EXISTS (SELECT 1 FROM api_keys k WHERE k.id = e->>0)
), hourly AS (
  INSERT INTO usage_hourly AS h (key_id, hour, project_id, environment, units, requests, refused_unauthorized, refused_quota, refused_rate)
  SELECT key_id, to_timestamp(hour_ms / 1000), project_id, environment, units, requests, refused_unauthorized, refused_quota, refused_rate
    FROM batch
   ORDER BY key_id, hour_ms
  ON CONFLICT (key_id, hour) DO UPDATE SET
    units = h.units + excluded.units,
    requests = h.requests + excluded.requests,
    refused_unauthorized = h.refused_unauthorized + excluded.refused_unauthorized,
    refused_quota = h.refused_quota + excluded.refused_quota,
    refused_rate = h.refused_rate + excluded.refused_rate
  RETURNING 1
)
-- The batch's hourly rows summed per UTC day, for the dashboard's day charts.
INSERT INTO usage_daily AS d (key_id, day, project_id, environment, units, requests, refused_unauthorized, refused_quota, refused_rate)
SELECT key_id, (to_timestamp(hour_ms / 1000) AT TIME ZONE 'UTC')::date, min(project_id), min(environment),
       sum(units), sum(requests), sum(refused_unauthorized), sum(refused_quota), sum(refused_rate)
  FROM batch
 WHERE (SELECT count(*) FROM hourly) >= 0
 GROUP BY 1, 2
 ORDER BY 1, 2
ON CONFLICT (key_id, day) DO UPDATE SET
  units = d.units + excluded.units,
  requests = d.requests + excluded.requests,
  refused_unauthorized = d.refused_unauthorized + excluded.refused_unauthorized,
  refused_quota = d.refused_quota + excluded.refused_quota,
  refused_rate = d.refused_rate + excluded.refused_rate`;

const UPSERT_PERIODS = `
INSERT INTO project_usage AS p (project_id, period_start, environment, units)
SELECT u.project_id, to_timestamp(u.start_ms / 1000), u.environment::"KeyEnvironment", u.units
  FROM unnest($1::text[], $2::float8[], $3::text[], $4::bigint[]) AS u(project_id, start_ms, environment, units)
 WHERE EXISTS (SELECT 1 FROM projects x WHERE x.id = u.project_id)
 ORDER BY u.project_id, u.start_ms, u.environment
ON CONFLICT (project_id, period_start, environment) DO UPDATE SET units = p.units + excluded.units`;

// Locked in id order first (the touched keys and the credited ones): UPDATE … FROM does not promise an order.
const LOCK_KEYS = `
SELECT id FROM api_keys
 WHERE id IN (SELECT t.e->>0 FROM jsonb_array_elements($1::jsonb) AS t(e) UNION SELECT unnest($2::text[]))
 ORDER BY id FOR NO KEY UPDATE`;
// The address goes with the time it belongs to: both move together, or neither.
const TOUCH_KEYS = `
UPDATE api_keys k SET last_used_at = to_timestamp(v.ms / 1000) AT TIME ZONE 'UTC', last_used_ip = v.ip
  FROM (SELECT t.e->>0 AS id, (t.e->>1)::float8 AS ms, t.e->>2 AS ip FROM jsonb_array_elements($1::jsonb) AS t(e)) AS v
 WHERE k.id = v.id AND (k.last_used_at IS NULL OR k.last_used_at < to_timestamp(v.ms / 1000) AT TIME ZONE 'UTC')`;

// A key's credits, for the period and version each meter counted. Units of
// a later period than the row's (a refill this instance saw first) start that
// period with the refill amount; units of an older period or version (a
// dashboard change since) no longer count. Rows are already locked in id
// order. One key appears at most once per statement (UPDATE … FROM applies
// one source row per target row): a batch spanning a refill sends rounds.
const SPEND_CREDITS = `
UPDATE api_keys k SET
  credits_used = CASE WHEN (extract(epoch FROM k.credits_period_start) * 1000)::float8 = v.start_ms THEN k.credits_used + v.units ELSE v.units END,
  credits_granted = CASE WHEN (extract(epoch FROM k.credits_period_start) * 1000)::float8 = v.start_ms THEN k.credits_granted ELSE k.credit_refill_amount END,
  credits_period_start = to_timestamp(v.start_ms / 1000)
  FROM unnest($1::text[], $2::int[], $3::float8[], $4::int[]) AS v(id, version, start_ms, units)
 WHERE k.id = v.id AND k.credits_version = v.version AND k.credits_granted IS NOT NULL
   AND ((extract(epoch FROM k.credits_period_start) * 1000)::float8 = v.start_ms
        OR (k.credit_refill_interval IS NOT NULL AND (extract(epoch FROM k.credits_period_start) * 1000)::float8 < v.start_ms))`;
const READ_CREDITS = `
SELECT id, credits_version AS version, (extract(epoch FROM credits_period_start) * 1000)::float8 AS start_ms, credits_used::float8 AS used
  FROM api_keys WHERE id = ANY($1::text[]) AND credits_granted IS NOT NULL`;

const READ_PERIODS = `
SELECT project_id, environment::text AS environment, units::float8 AS units FROM project_usage
 WHERE project_id = ANY($1::text[]) AND period_start = to_timestamp($2::float8 / 1000)`;
const NOTIFY_USAGE = `SELECT pg_notify('keydeck_usage', $1)`;
const READ_KEY_TOTALS = `SELECT key_id, sum(units)::float8 AS units FROM usage_hourly WHERE key_id = ANY($1::text[]) GROUP BY key_id`;

/**
 * Writes the usage buffer to PostgreSQL in batches, each one transaction
 * that also moves each key's last_used_at to its latest request in the batch,
 * with that request's client address (never back: "last used" and the usage
 * figures come from the same commit),
 * and records the batch's id: a batch retried after an unclear failure
 * (a lost COMMIT reply) finds its id and adds nothing. A batch that failed
 * stays the one outstanding batch and is retried as is; new usage keeps
 * aggregating in memory meanwhile (bounded by keys × hours, not requests).
 * The same transaction reads back every held meter's units, which is how
 * an instance learns of the others' usage.
 */
export class MeteringFlusher {
  private outstanding: Batch | null = null;
  private running: Promise<boolean> | null = null;
  private timer: NodeJS.Timeout | undefined;
  private readonly lastUsedWritten = new Map<string, number>();
  private lastUsedClearedAt = 0;
  private serial: Promise<void> = Promise.resolve();
  private refreshing: Promise<void> | null = null;
  private refreshAgain = false;
  /** Batches written, and failed attempts; for /healthz and tests. */
  readonly stats = { batches: 0, failures: 0 };

  constructor(
    private readonly deps: {
      db: ApiDatabase;
      buffer: UsageBuffer;
      meters: Meters;
      periods: PeriodClock;
      instanceId: string;
      clock: () => number;
      onError: (error: unknown) => void;
      afterFlush?: () => void;
    },
  ) {}

  start(intervalMs: number): void {
    this.timer = setInterval(() => void this.flush(), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  get pending(): boolean {
    return this.outstanding !== null || this.deps.buffer.size > 0;
  }

  /** One flush (calls made meanwhile share it); true when nothing is left unwritten. */
  flush(): Promise<boolean> {
    this.running ??= this.flushOnce().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** Flushes until nothing is pending or the deadline passes (SIGTERM). */
  async drain(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (await this.flush()) return true;
      if (Date.now() >= deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  private async flushOnce(): Promise<boolean> {
    this.outstanding ??= await this.prepare(this.deps.buffer.cut(), this.takeCredits());
    const batch = this.outstanding;
    try {
      await this.exclusive(() => this.write(batch));
      this.outstanding = null;
      if (batch.size) this.stats.batches++;
    } catch (error) {
      this.stats.failures++;
      this.deps.onError(error);
      return false;
    }
    this.deps.afterFlush?.();
    return !this.pending;
  }

  /** Every credit meter's unflushed units, to be written by the next batch (and subtracted once it is). */
  private takeCredits(): Batch["credits"] {
    const taken: Batch["credits"] = [];
    for (const meter of this.deps.meters.credits.values()) if (meter.unflushed > 0) taken.push({ meter, units: meter.unflushed });
    return taken;
  }

  /**
   * Serialises a cut batch a slice at a time, yielding to requests between
   * slices: done in one go, 20,000 entries held the event loop for 15–40 ms
   * every second, which was most of the p99.
   */
  private async prepare(entries: UsageEntry[], credits: Batch["credits"]): Promise<Batch> {
    const hourly = new JsonbArray();
    const periodUnits = new Map<string, Batch["periodRows"][number]>();
    const cappedUnits = new Map<string, number>();
    const touched = this.startTouching(this.deps.clock());
    let lastHour = -1;
    let lastStart = 0;
    await eachSlice(entries, (slice) => {
      hourly.add(slice.map((e) => [e.keyId, e.hour, e.projectId, e.environment, e.units, e.requests, e.refusedUnauthorized, e.refusedQuota, e.refusedRate]));
      for (const e of slice) {
        if (e.lastUsedAt !== 0 && this.needsTouch(e.keyId, e.lastUsedAt)) {
          const before = touched.get(e.keyId);
          if (before === undefined || before.at < e.lastUsedAt) touched.set(e.keyId, { at: e.lastUsedAt, ip: e.lastClientIp && addressText(e.lastClientIp) });
        }
        if (e.units === 0) continue;
        if (e.capped) cappedUnits.set(e.keyId, (cappedUnits.get(e.keyId) ?? 0) + e.units);
        if (e.hour !== lastHour) [lastHour, lastStart] = [e.hour, periodOf(e.hour).start];
        const id = `${e.projectId} ${lastStart} ${e.environment}`;
        const row = periodUnits.get(id);
        if (row) row.units += e.units;
        else periodUnits.set(id, { projectId: e.projectId, start: lastStart, environment: e.environment, units: e.units });
      }
    });
    const touchedRows = new JsonbArray();
    await eachSlice(touched, (slice) => touchedRows.add(slice.map(([keyId, { at, ip }]) => [keyId, at, ip])));
    return { id: randomUUID(), size: entries.length, hourly: hourly.toBuffer(), periodRows: [...periodUnits.values()], cappedUnits, touched, touchedRows: touchedRows.toBuffer(), credits };
  }

  private async write(batch: Batch): Promise<void> {
    const { db, periods, clock, instanceId } = this.deps;
    const current = periods.at(clock());
    const held = this.held(current.start);

    const readBack = await db.transaction(async (client) => {
      if (batch.size || batch.credits.length) {
        const inserted = await client.query(INSERT_BATCH, [batch.id, instanceId]);
        // rowCount 0: this batch was committed by an earlier attempt.
        if (inserted.rowCount === 1) {
          await this.writeRows(client, batch);
          // On the usage's own transaction: a threshold event exists exactly when the usage that crossed it does.
          await emitQuotaThresholds(pgSql(client), {
            periods: uniquePeriods(batch.periodRows),
            creditedKeyIds: [...new Set(batch.credits.map((c) => c.meter.keyId))],
          });
          // Delivered at commit: the other instances read the new totals at once.
          if (batch.periodRows.length) await client.query(NOTIFY_USAGE, [instanceId]);
        }
      }
      return this.readTotals(client, held, current.start);
    });

    this.settle(batch);
    this.applyTotals(readBack, current.start);
    await eachSlice(batch.touched, (slice) => {
      for (const [keyId, { at }] of slice) this.lastUsedWritten.set(keyId, at);
    });
  }

  /**
   * Another instance flushed: read the held meters' totals now rather than at
   * our next flush, so what this instance does not know of the others' usage
   * is at most what they have not flushed yet (one flush interval). Calls
   * made while one runs share a single follow-up read.
   */
  refreshTotals(): void {
    if (this.refreshing) {
      this.refreshAgain = true;
      return;
    }
    this.refreshing = (async () => {
      do {
        this.refreshAgain = false;
        await this.exclusive(async () => {
          const { db, periods, clock } = this.deps;
          const current = periods.at(clock());
          const held = this.held(current.start);
          if (!held.projects.length && !held.keys.length && !held.credited.length) return;
          this.applyTotals(await db.transaction((client) => this.readTotals(client, held, current.start)), current.start);
        }).catch((error: unknown) => this.deps.onError(error));
      } while (this.refreshAgain);
    })().finally(() => {
      this.refreshing = null;
    });
  }

  /** The projects (metered in the current period), capped keys and keys with credits whose totals this instance holds meters for. */
  private held(periodStart: number): { projects: string[]; keys: string[]; credited: string[] } {
    const { meters } = this.deps;
    const projects = new Set([...meters.projects.values()].filter((m) => m.period.start === periodStart).map((m) => m.projectId));
    const credited = new Set([...meters.credits.values()].map((m) => m.keyId));
    return { projects: [...projects], keys: [...meters.keys.keys()], credited: [...credited] };
  }

  private async readTotals(client: Queryable, held: { projects: string[]; keys: string[]; credited: string[] }, periodStart: number) {
    const periodRows = held.projects.length
      ? (await client.query<{ project_id: string; environment: "live" | "test" | "sandbox"; units: number }>(READ_PERIODS, [held.projects, periodStart])).rows
      : [];
    const keyRows = held.keys.length ? (await client.query<{ key_id: string; units: number }>(READ_KEY_TOTALS, [held.keys])).rows : [];
    const creditRows = held.credited.length
      ? (await client.query<{ id: string; version: number; start_ms: number; used: number }>(READ_CREDITS, [held.credited])).rows
      : [];
    return { periodRows, keyRows, creditRows };
  }

  private applyTotals(totals: Awaited<ReturnType<MeteringFlusher["readTotals"]>>, periodStart: number): void {
    const { meters } = this.deps;
    for (const row of totals.periodRows) {
      const meter = meters.findProject(row.project_id, periodStart);
      if (meter) meter.base[row.environment] = Math.max(meter.base[row.environment], row.units);
    }
    for (const row of totals.keyRows) {
      const meter = meters.keys.get(row.key_id);
      if (meter) meter.base = Math.max(meter.base, row.units);
    }
    for (const row of totals.creditRows) {
      const meter = meters.findCredit(row.id, row.version, row.start_ms);
      if (meter) meter.base = Math.max(meter.base, row.used);
    }
  }

  /**
   * Runs flush writes and refresh reads one at a time: a refresh that read
   * totals including our own just-committed batch must not be applied before
   * that batch has left `unflushed`, or its units would count twice.
   */
  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.serial.then(work, work);
    this.serial = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  private async writeRows(client: Queryable, { hourly, periodRows, touched, touchedRows, credits }: Batch) {
    await client.query(UPSERT_USAGE, [hourly]);
    if (periodRows.length) {
      await client.query(UPSERT_PERIODS, [
        periodRows.map((r) => r.projectId),
        periodRows.map((r) => r.start),
        periodRows.map((r) => r.environment),
        periodRows.map((r) => r.units),
      ]);
    }
    if (touched.size || credits.length) {
      await client.query(LOCK_KEYS, [touchedRows, credits.map((c) => c.meter.keyId)]);
    }
    if (touched.size) await client.query(TOUCH_KEYS, [touchedRows]);
    for (const round of creditRounds(credits)) {
      await client.query(SPEND_CREDITS, [
        round.map((c) => c.meter.keyId),
        round.map((c) => c.meter.version),
        round.map((c) => c.meter.periodStart),
        round.map((c) => c.units),
      ]);
    }
  }

  /** The written units leave `unflushed`; the read-back puts them (and others') in `base`. */
  private settle({ periodRows, cappedUnits, credits }: Batch): void {
    for (const { meter, units } of credits) meter.unflushed -= units;
    const { meters } = this.deps;
    for (const row of periodRows) {
      const meter = meters.findProject(row.projectId, row.start);
      if (meter) meter.unflushed[row.environment] -= row.units;
    }
    for (const [keyId, units] of cappedUnits) {
      const meter = meters.keys.get(keyId);
      if (meter) meter.unflushed -= units;
    }
  }

  /** A fresh map for the batch's last_used_at writes; the record of past writes is bounded by an hourly reset. */
  private startTouching(now: number): Map<string, Touch> {
    if (now - this.lastUsedClearedAt > 3600_000) {
      this.lastUsedWritten.clear(); // bounded memory; costs one extra write per key an hour
      this.lastUsedClearedAt = now;
    }
    return new Map();
  }

  /** last_used_at is written when it would move by the resolution or more: at most one write per key a minute. */
  private needsTouch(keyId: string, usedAt: number): boolean {
    const written = this.lastUsedWritten.get(keyId);
    return written === undefined || usedAt - written >= LAST_USED_RESOLUTION_MS;
  }
}

/** Credit rows in rounds with each key at most once, its older periods and versions first. */
function creditRounds(credits: Batch["credits"]): Batch["credits"][] {
  const sorted = [...credits].sort((a, b) => a.meter.version - b.meter.version || a.meter.periodStart - b.meter.periodStart);
  const rounds: Batch["credits"][] = [];
  const roundOf = new Map<string, number>();
  for (const credit of sorted) {
    const index = roundOf.get(credit.meter.keyId) ?? 0;
    roundOf.set(credit.meter.keyId, index + 1);
    (rounds[index] ??= []).push(credit);
  }
  return rounds;
}

/** Each (project, period) of a batch once (its rows are per environment). */
function uniquePeriods(rows: Batch["periodRows"]): { projectId: string; start: number }[] {
  const seen = new Map<string, { projectId: string; start: number }>();
  for (const { projectId, start } of rows) seen.set(`${projectId} ${start}`, { projectId, start });
  return [...seen.values()];
}

/**
 * A JSON array built a slice at a time, sent as a jsonb parameter in
 * PostgreSQL's binary format (a version byte, then the text). Each slice is
 * encoded to bytes as it is added, between yields to requests: handed over as
 * one string, pg encoded a batch of 12,000 rows (about 1 MB) in one go when
 * it wrote the query, the longest stall left in a flush (CPU profile,
 * docs/BENCHMARKS.md). A Buffer parameter is copied, not encoded.
 */
class JsonbArray {
  private readonly chunks: Buffer[] = [JSONB_VERSION, Buffer.from("[")];

  /** Adds these rows (nothing when there are none). */
  add(rows: unknown[]): void {
    if (rows.length === 0) return;
    const text = JSON.stringify(rows);
    // Without its brackets; a comma before every slice but the first.
    this.chunks.push(Buffer.from(this.chunks.length > 2 ? `,${text.slice(1, -1)}` : text.slice(1, -1)));
  }

  toBuffer(): Buffer {
    return Buffer.concat([...this.chunks, Buffer.from("]")]);
  }
}

const JSONB_VERSION = Buffer.from([1]);
