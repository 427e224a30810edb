import "server-only";
import { Redis } from "ioredis";
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract, type RateLimiterRes } from "rate-limiter-flexible";
import type { MaybePromise } from "./types";

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Requests per second per key, counted in 1-second fixed windows by rate-limiter-flexible. */
export interface KeyRateLimiter {
  consume(keyId: string, limitPerSecond: number): MaybePromise<RateDecision>;
  close(): Promise<void>;
}

// One limiter for every plan: points are never "used up" inside the library;
// each key's own limit (plans differ) is compared with consumedPoints here.
const UNBOUNDED = Number.MAX_SAFE_INTEGER;
const WINDOW_SECONDS = 1;
const ALLOWED: RateDecision = { allowed: true };

function decide(res: RateLimiterRes, limit: number): RateDecision {
  return res.consumedPoints <= limit ? ALLOWED : { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)) };
}

type SyncStorage = { incrby(key: string, points: number, durationSeconds: number): RateLimiterRes };

/**
 * In-process limits (one instance, or limits per instance). RateLimiterMemory
 * wraps a synchronous counter in a Promise; on a cache hit the service wants
 * no await at all, so this calls that counter (`_memoryStorage.incrby`, the
 * exact code `consume()` runs) directly. The version is pinned and
 * rate-limit.test.ts fails if the internal moves; then it falls back to `consume()`.
 */
export function memoryRateLimiter(): KeyRateLimiter {
  const limiter = new RateLimiterMemory({ points: UNBOUNDED, duration: WINDOW_SECONDS });
  const storage = (limiter as unknown as { _memoryStorage?: SyncStorage })._memoryStorage;
  const sync = typeof storage?.incrby === "function" ? storage : undefined;
  return {
    consume(keyId, limit) {
      if (sync) return decide(sync.incrby(keyId, 1, WINDOW_SECONDS), limit);
      return limiter.consume(keyId, 1).then((res) => decide(res, limit));
    },
    close: async () => {},
  };
}

/**
 * Limits shared by every instance through Redis (REDIS_URL). Each check is a
 * round trip, so the hot path awaits here. If Redis is unreachable the
 * insurance limiter counts in memory (per instance) instead of refusing
 * every request, and the Redis counters take over again when it is back.
 */
export function redisRateLimiter(url: string): KeyRateLimiter & { limiter: RateLimiterAbstract } {
  const redis = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 1000, lazyConnect: false });
  redis.on("error", () => {}); // reconnects on its own; the insurance limiter covers the gap
  const limiter = new RateLimiterRedis({
    storeClient: redis,
    keyPrefix: "keydeck:rate",
    points: UNBOUNDED,
    duration: WINDOW_SECONDS,
    rejectIfRedisNotReady: true,
    insuranceLimiter: new RateLimiterMemory({ points: UNBOUNDED, duration: WINDOW_SECONDS }),
  });
  return {
    limiter,
    consume: (keyId, limit) => limiter.consume(keyId, 1).then((res) => decide(res, limit)),
    close: async () => {
      redis.disconnect();
    },
  };
}
