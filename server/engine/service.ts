import "server-only";
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { issueEmbedSession, type IssuedEmbedSession } from "./embed-sessions";
import { parseEmbedSessionRequest } from "../../lib/embed/schemas";
import { monitorEventLoopDelay, type ELDHistogram } from "node:perf_hooks";
import { AUTH_FAILURE_DEFAULTS, type ApiEnv } from "../../lib/env";
import { mintingClient } from "../../lib/http/client-ip";
import { FailureBudget, type ClientAddress, type FailureBudgetOptions } from "./failure-budget";
import { createApiDatabase, type ApiDatabase } from "./database";
import { InvalidationFeed, type Invalidation } from "./invalidation-feed";
import { KeyCache, NegativeCache } from "./key-cache";
import { lookupKey } from "./lookup";
import { MeteringFlusher } from "./metering";
import { Meters } from "./meters";
import { PeriodClock } from "../../lib/plans/period";
import { memoryRateLimiter, redisRateLimiter, type KeyRateLimiter } from "./rate-limit";
import { mintSandboxKey, type SandboxMint } from "./sandbox";
import { SecretScanningHandler, type SecretScanningOptions } from "./secret-scanning/handler";
import type { MaybePromise, Refusal, VerifyResult } from "./types";
import { usageReport, type UsageReport } from "./usage-report";
import { UsageBuffer } from "./usage-buffer";
import { Verifier } from "./verifier";

export type ServiceLog = { info(message: string): void; warn(message: string): void; error(message: string): void };

export type VerificationServiceOptions = {
  databaseUrl: string;
  poolSize: number;
  keyPrefix: string;
  /** Opens the projects' sealed embed signing secrets (EMBED_ENCRYPTION_KEY). */
  embedEncryptionKey: string;
  flushIntervalMs: number;
  pollMs: number;
  leaseMs: number;
  /** Trust in the cache past the lease while the database is unreachable (CACHE_OUTAGE_GRACE_MS); 0 when absent. */
  outageGraceMs?: number;
  listen: boolean;
  redisUrl?: string;
  keyCacheSize: number;
  negativeCacheSize: number;
  /** How long an unknown digest is answered 401 without a lookup (NEGATIVE_CACHE_TTL_MS). */
  negativeCacheTtlMs?: number;
  /** Lookups that find no key, per client address (AUTH_FAILURE_*); the defaults of lib/env.ts when absent. */
  failureBudget?: FailureBudgetOptions;
  log: ServiceLog;
  /** The secret-scanning endpoints' keys and secret (issue 19); each endpoint is 404 without its own. */
  secretScanning?: SecretScanningOptions;
  /** Epoch ms; tests move it to expire keys and periods. */
  clock?: () => number;
  instanceId?: string;
};

/** A cached key is reloaded at least this often even without an invalidation (a safety net). */
const KEY_CACHE_TTL_MS = 5 * 60_000;
/**
 * Lookups queued for the pool at once; more get 503 at once. High enough for a
 * cold start under full load (every key misses once), low enough to bound
 * memory when the database is slow. (A database that is away is caught
 * earlier: the feed stops being fresh and misses answer 503 without a query.)
 */
const MAX_PENDING_LOOKUPS = 20_000;
/**
 * A healthy lookup takes milliseconds. One that has not answered in this time
 * is stuck (a lock, a saturated pool): its caller gets 503 instead of waiting
 * up to the 5 s statement timeout, and new misses get 503 at once until the
 * stuck lookups end (scripts/faults: saturation). As long as the pool's wait
 * for a connection: 1 s gave 503s on a 2-core machine starved by other work
 * (scripts/faults: soak).
 */
const LOOKUP_WAIT_MS = 2000;
/** Projects idle this long leave the meters and the key cache. */
const IDLE_MS = 5 * 60_000;

export function serviceOptionsFromEnv(config: ApiEnv, log: ServiceLog): VerificationServiceOptions {
  return {
    databaseUrl: config.DATABASE_URL,
    poolSize: config.API_DATABASE_POOL_SIZE,
    keyPrefix: config.KEY_PREFIX,
    embedEncryptionKey: config.EMBED_ENCRYPTION_KEY,
    flushIntervalMs: config.METERING_FLUSH_MS,
    pollMs: config.INVALIDATION_POLL_MS,
    leaseMs: config.CACHE_LEASE_MS,
    outageGraceMs: config.CACHE_OUTAGE_GRACE_MS,
    listen: config.INVALIDATION_LISTEN === "on",
    redisUrl: config.REDIS_URL,
    keyCacheSize: config.KEY_CACHE_SIZE,
    negativeCacheSize: config.NEGATIVE_CACHE_SIZE,
    negativeCacheTtlMs: config.NEGATIVE_CACHE_TTL_MS,
    failureBudget: { burst: config.AUTH_FAILURE_BURST, perSecond: config.AUTH_FAILURES_PER_SECOND, maxClients: config.AUTH_FAILURE_CLIENTS },
    secretScanning: {
      githubKeys: config.SECRET_SCANNING_KEYS_FILE
        ? { file: config.SECRET_SCANNING_KEYS_FILE }
        : config.SECRET_SCANNING_KEYS_URL
          ? { url: config.SECRET_SCANNING_KEYS_URL }
          : undefined,
      hmacSecret: config.SECRET_SCANNING_HMAC_SECRET,
    },
    log,
  };
}

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Everything behind /api/v1, independent of any HTTP framework: the Fastify
 * service, the benchmark's plain node:http server and its Next.js route all
 * call this same object.
 */
export class VerificationService {
  readonly instanceId: string;
  readonly db: ApiDatabase;
  private readonly backgroundDb: ApiDatabase;
  readonly cache: KeyCache;
  readonly meters = new Meters();
  readonly feed: InvalidationFeed;
  readonly flusher: MeteringFlusher;
  readonly failures: FailureBudget;
  readonly secretScanning: SecretScanningHandler;
  private readonly verifier: Verifier;
  private readonly limiter: KeyRateLimiter;
  private readonly periods = new PeriodClock();
  private readonly clock: () => number;
  private lookups = 0;
  private closing: Promise<void> | null = null;
  /** Event-loop delay since the last health read: what a flush or GC costs requests. */
  private readonly loopDelay: ELDHistogram = monitorEventLoopDelay({ resolution: 10 });

  constructor(private readonly options: VerificationServiceOptions) {
    const { log } = options;
    this.clock = options.clock ?? Date.now;
    this.instanceId = options.instanceId ?? `${hostname()}-${process.pid}-${randomBytes(3).toString("hex")}`;
    this.db = createApiDatabase({ url: options.databaseUrl, poolSize: options.poolSize, applicationName: "keydeck-api" });
    // Polls and flushes get two connections of their own: a pool busy with
    // lookups must not delay a heartbeat past the lease, nor a flush; a flush
    // and a poll (each one at a time) never wait for each other.
    this.backgroundDb = createApiDatabase({ url: options.databaseUrl, poolSize: 2, applicationName: "keydeck-api-background" });
    this.cache = new KeyCache(options.keyCacheSize, KEY_CACHE_TTL_MS);
    const negative = new NegativeCache(options.negativeCacheSize, options.negativeCacheTtlMs ?? AUTH_FAILURE_DEFAULTS.negativeCacheTtlMs);
    this.failures = new FailureBudget(options.failureBudget ?? AUTH_FAILURE_DEFAULTS.budget);
    // Only keys in the cache can be counted while the database is away, so
    // two hours' worth of them is all an outage grace can need.
    const usage = new UsageBuffer(2 * options.keyCacheSize);
    this.limiter = options.redisUrl ? redisRateLimiter(options.redisUrl) : memoryRateLimiter();
    this.feed = new InvalidationFeed({
      db: this.backgroundDb,
      databaseUrl: options.databaseUrl,
      instanceId: this.instanceId,
      leaseMs: options.leaseMs,
      graceMs: options.outageGraceMs ?? 0,
      pollMs: options.pollMs,
      listen: options.listen,
      apply: (invalidations) => this.apply(invalidations),
      clear: () => this.cache.clear(),
      onError: (what, error) => log.warn(`${what}: ${describe(error)}`),
      onUsageFlushed: () => this.flusher.refreshTotals(),
    });
    this.flusher = new MeteringFlusher({
      db: this.backgroundDb,
      buffer: usage,
      meters: this.meters,
      periods: this.periods,
      instanceId: this.instanceId,
      clock: this.clock,
      onError: (error) => log.warn(`metering flush failed, will retry: ${describe(error)}`),
      afterFlush: () => this.evictIdle(),
    });
    this.secretScanning = new SecretScanningHandler({
      ...options.secretScanning,
      databaseUrl: options.databaseUrl,
      keyPrefix: options.keyPrefix,
      encryptionKey: options.embedEncryptionKey,
      clock: this.clock,
    });
    this.verifier = new Verifier({
      keyPrefix: options.keyPrefix,
      cache: this.cache,
      negative,
      failures: this.failures,
      meters: this.meters,
      usage,
      periods: this.periods,
      limiter: this.limiter,
      feed: this.feed,
      lookup: (digest, periodStart) => {
        this.lookups++;
        return lookupKey(this.db, digest, periodStart);
      },
      maxLookups: MAX_PENDING_LOOKUPS,
      lookupWaitMs: LOOKUP_WAIT_MS,
      clock: this.clock,
    });
  }

  /** Registers the instance and confirms the invalidation feed; serve only after this resolves. */
  async start(): Promise<this> {
    await this.feed.start();
    this.flusher.start(this.options.flushIntervalMs);
    this.loopDelay.enable();
    return this;
  }

  /** Lookups sent to the database so far (the tests count them). */
  get lookupCount(): number {
    return this.lookups;
  }

  /** `client` (the caller's address) is read only for a key not in the cache, for its failure budget. */
  verify(authorization: string | undefined, body: unknown, client: ClientAddress): MaybePromise<VerifyResult> {
    return this.verifier.verify(authorization, body, client);
  }

  async usage(authorization: string | undefined, client: ClientAddress): Promise<UsageReport | Refusal> {
    const result = await this.verifier.authenticate(authorization, client);
    if (!result.valid) return result;
    return usageReport(this.db, result, this.periods.at(this.clock()));
  }

  /**
   * An embed session for the key's project: the key must be one of the
   * project's secret API keys (a publishable key fails the format check) and
   * embed mode must be on, else 401 invalid_credentials, as for a bad key.
   */
  async embedSession(authorization: string | undefined, body: unknown, client: ClientAddress): Promise<IssuedEmbedSession | Refusal> {
    const caller = await this.verifier.authenticate(authorization, client);
    if (!caller.valid) return caller;
    const request = parseEmbedSessionRequest(body);
    if (typeof request === "string") return { valid: false, code: "invalid_request", message: request };
    const session = await issueEmbedSession(this.db, {
      projectId: caller.projectId,
      request,
      encryptionKey: this.options.embedEncryptionKey,
      now: this.clock(),
    });
    return session ?? { valid: false, code: "invalid_credentials" };
  }

  mintSandboxKey(ip: string): Promise<SandboxMint> {
    return mintSandboxKey(this.db, { client: mintingClient(ip), keyPrefix: this.options.keyPrefix });
  }

  health() {
    const loopDelayMs = { p50: this.loopDelay.percentile(50) / 1e6, p99: this.loopDelay.percentile(99) / 1e6, max: this.loopDelay.max / 1e6 };
    this.loopDelay.reset();
    const { rss, heapUsed, heapTotal } = process.memoryUsage();
    const databaseReachable = this.feed.fresh();
    const cacheTrusted = this.feed.trusted();
    return {
      // Serving: known keys are answered. During an outage grace that is true
      // with the database unreachable; a load balancer should keep sending
      // traffic, since every instance is in the same outage.
      ok: databaseReachable || cacheTrusted,
      database: databaseReachable ? ("reachable" as const) : ("unreachable" as const),
      cacheTrusted,
      cachedKeys: this.cache.size,
      lookups: this.lookups,
      budgetedClients: this.failures.size,
      metering: { ...this.flusher.stats, pending: this.flusher.pending },
      feed: this.feed.stats,
      loopDelayMs,
      // Sampled by operators and by the soak test (scripts/faults): bounded caches keep these flat.
      memory: { rssBytes: rss, heapUsedBytes: heapUsed, heapTotalBytes: heapTotal },
    };
  }

  /** Stops, in order: metering (a final flush of everything counted), the feed (its instance row goes), the pools. */
  close(drainTimeoutMs = 10_000): Promise<void> {
    this.closing ??= (async () => {
      this.loopDelay.disable();
      this.flusher.stop();
      const drained = await this.flusher.drain(drainTimeoutMs);
      if (!drained) this.options.log.error("metering: could not write every batch before stopping; unwritten usage is lost");
      await this.feed.stop();
      await this.limiter.close();
      await Promise.all([this.db.end(), this.backgroundDb.end(), this.secretScanning.close()]);
    })();
    return this.closing;
  }

  private apply(invalidations: Invalidation[]): void {
    for (const { keyId, projectId, reason } of invalidations) {
      if (keyId) this.cache.deleteKey(keyId);
      else if (projectId) this.cache.deleteProject(projectId);
      if (reason === "project_deleted" && projectId) this.meters.dropProject(projectId);
    }
  }

  private evictIdle(): void {
    const { projectIds, keyIds } = this.meters.evictIdle(this.clock() - IDLE_MS);
    for (const projectId of projectIds) this.cache.deleteProject(projectId);
    for (const keyId of keyIds) this.cache.deleteKey(keyId);
  }
}

export async function startVerificationService(options: VerificationServiceOptions): Promise<VerificationService> {
  const service = new VerificationService(options);
  try {
    return await service.start();
  } catch (error) {
    await service.close(0).catch(() => {});
    throw error;
  }
}
