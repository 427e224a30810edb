import "server-only";
import { Redis } from "ioredis";
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from "rate-limiter-flexible";
import type { MaybePromise } from "./types";

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Requests per second per key, in 1-second fixed windows that start at the key's first request. */
export interface KeyRateLimiter {
  consume(keyId: string, limitPerSecond: number): MaybePromise<RateDecision>;
  close(): Promise<void>;
}

// One limiter for every plan: points are never "used up" inside the library;
// each key's own limit (plans differ) is compared with consumedPoints here.
const UNBOUNDED = Number.MAX_SAFE_INTEGER;
const WINDOW_SECONDS = 1;
const WINDOW_MS = WINDOW_SECONDS * 1000;
const ALLOWED: RateDecision = { allowed: true };

function decide(consumed: number, msBeforeNext: number, limit: number): RateDecision {
  return consumed <= limit ? ALLOWED : { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(msBeforeNext / 1000)) };
}

type Window = { start: number; count: number };

/**
 * Per-key fixed windows in memory, with no timer per key. Windows live in
 * two generations of maps, turned over once a window length has passed: a
 * window still in use is moved to the current map when it is next counted,
 * and whatever is left in the previous map at the next turn over was last
 * counted at least a window length ago, so it has ended and is dropped.
 * Memory is bounded by the keys seen in the last two window lengths.
 *
 * Not rate-limiter-flexible's RateLimiterMemory (still used, for Redis's
 * insurance): it arms a setTimeout for every window it opens, and a key used
 * less than once a second opens one per request: 3.6 µs of CPU per request
 * with the timer's firing, against 0.8 µs here (scripts/bench/rate-limiter.ts,
 * docs/BENCHMARKS.md).
 */
export class KeyWindows {
  private current = new Map<string, Window>();
  private previous = new Map<string, Window>();
  private turnedAt: number;

  constructor(
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.turnedAt = now();
  }

  /** Counts `points` for `key`: the window's count so far and the ms before it ends. */
  consume(key: string, points: number): { consumed: number; msBeforeNext: number } {
    const now = this.now();
    const since = now - this.turnedAt;
    if (since >= this.windowMs) {
      // Two lengths or more without a turn over: the current map is as old as the previous one.
      this.previous = since >= 2 * this.windowMs ? new Map() : this.current;
      this.current = new Map();
      this.turnedAt = now;
    }
    let window = this.current.get(key);
    if (window === undefined) {
      window = this.previous.get(key) ?? { start: now, count: 0 };
      this.current.set(key, window);
    }
    if (now - window.start >= this.windowMs) {
      window.start = now;
      window.count = 0;
    }
    window.count += points;
    return { consumed: window.count, msBeforeNext: window.start + this.windowMs - now };
  }

  /** Keys with a window in memory (both generations; tests). */
  get size(): number {
    return new Set([...this.current.keys(), ...this.previous.keys()]).size;
  }
}

/** In-process limits (one instance, or limits per instance): synchronous, no promise on the hot path. */
export function memoryRateLimiter(now?: () => number): KeyRateLimiter {
  const windows = new KeyWindows(WINDOW_MS, now);
  return {
    consume(keyId, limit) {
      const { consumed, msBeforeNext } = windows.consume(keyId, 1);
      return decide(consumed, msBeforeNext, limit);
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
    consume: (keyId, limit) => limiter.consume(keyId, 1).then((res) => decide(res.consumedPoints, res.msBeforeNext, limit)),
    close: async () => {
      redis.disconnect();
    },
  };
}
