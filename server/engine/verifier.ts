import "server-only";
import { parseKey } from "../../lib/keys/format";
import { keyDigest } from "../../lib/keys/digest";
import type { ClientAddress, FailureBudget } from "./failure-budget";
import type { KeyCache, NegativeCache } from "./key-cache";
import type { LookedUpKey } from "./lookup";
import { quotaLimit, quotaUsed, type CreditMeter, type KeyMeter, type Meters, type ProjectMeter } from "./meters";
import { HOUR_MS, type Period, type PeriodClock } from "../../lib/plans/period";
import { creditMeterOf, creditsSpent } from "./credits";
import { policyRefusal } from "./policy";
import type { KeyRateLimiter, RateDecision } from "./rate-limit";
import { bearerToken, parseVerifyOptions } from "./request";
import { API_MESSAGES } from "../../lib/contract/api-messages";
import type { UsageBuffer } from "./usage-buffer";
import { isPromise, type CreditsState, type KeyRecord, type MaybePromise, type Quota, type Refusal, type VerifyOptions, type VerifyResult } from "./types";

/** The parts of the invalidation feed the verifier reads. */
export type FeedState = { readonly generation: number; fresh(): boolean; trusted(): boolean };

export type VerifierDeps = {
  keyPrefix: string;
  cache: KeyCache;
  negative: NegativeCache;
  /** Lookups that find no key, per client: checked before the lookup, charged when it ends. */
  failures: FailureBudget;
  meters: Meters;
  usage: UsageBuffer;
  periods: PeriodClock;
  limiter: KeyRateLimiter;
  feed: FeedState;
  lookup: (digest: string, periodStart: number) => Promise<LookedUpKey | null>;
  /** More concurrent lookups than this get 503 instead of a queue on the pool. */
  maxLookups: number;
  /**
   * How long a request waits for its lookup before it gets 503 (the lookup
   * goes on and fills the cache); while the oldest lookup has run longer,
   * new misses get 503 at once instead of queueing behind it.
   */
  lookupWaitMs: number;
  clock: () => number;
};

const MISSING: Refusal = { valid: false, code: "missing_authorization" };
// One answer for malformed, bad checksum, unknown, revoked, expired and spent
// keys: a caller learns nothing about which.
const INVALID: Refusal = { valid: false, code: "invalid_credentials" };
const UNAVAILABLE: Refusal = { valid: false, code: "service_unavailable", retryAfterSeconds: 1 };
const FORBIDDEN: Refusal = { valid: false, code: "forbidden", message: API_MESSAGES.foreignProject };
const LOOKUP_ATTEMPTS = 3;

type Flight = {
  generation: number;
  /** The lookup's answer, or "late" once the lookup wait has passed. */
  answer: Promise<KeyRecord | null | "late">;
};
type Resolved = KeyRecord | "unknown" | "unavailable";
/** What a usage read is admitted as: authenticated and rate limited, no quota check, no units. */
const USAGE_READ: VerifyOptions = { cost: 0, endpoint: null, projectId: null, environment: null, clientIp: null, permissions: null };

/**
 * The one verification function. Header → format and checksum (no I/O) →
 * cache by digest → on a miss one lookup → revoked/expired → IDOR → the
 * key's policy (environment → IP → permissions) → rate → quota and credits →
 * count. On a trusted cache hit with the in-memory limiter it runs to the
 * end synchronously: no await, no allocation beyond the answer.
 */
export class Verifier {
  private readonly flights = new Map<string, Flight>();
  /** A lookup went unanswered past the wait, and none has been answered since. */
  private stalled = false;

  constructor(private readonly deps: VerifierDeps) {}

  verify(authorization: string | undefined, body: unknown, client: ClientAddress): MaybePromise<VerifyResult> {
    const digest = this.keyDigest(authorization);
    if (typeof digest !== "string") return digest;
    const options = parseVerifyOptions(body);
    if (typeof options === "string") return { valid: false, code: "invalid_request", message: options };
    return this.admitByDigest(digest, options, client);
  }

  /** Authenticates a usage read: the same refusals as verify, no quota check, no units. */
  authenticate(authorization: string | undefined, client: ClientAddress): MaybePromise<VerifyResult> {
    const digest = this.keyDigest(authorization);
    if (typeof digest !== "string") return digest;
    return this.admitByDigest(digest, USAGE_READ, client);
  }

  private keyDigest(authorization: string | undefined): string | Refusal {
    const key = bearerToken(authorization);
    if (key === undefined) return MISSING;
    const parsed = parseKey(key);
    if (parsed === null || parsed.prefix !== this.deps.keyPrefix) return INVALID;
    return keyDigest(key);
  }

  private admitByDigest(digest: string, admission: VerifyOptions, client: ClientAddress): MaybePromise<VerifyResult> {
    const now = this.deps.clock();
    if (this.deps.feed.trusted()) {
      const record = this.deps.cache.get(digest, now);
      if (record !== undefined) return this.admit(record, admission, now, null);
    }
    return this.miss(digest, admission, client, now);
  }

  /** Only a miss pays for the client's address and its failure budget. */
  private miss(digest: string, admission: VerifyOptions, client: ClientAddress, now: number): MaybePromise<VerifyResult> {
    const { feed, negative, failures, clock, cache } = this.deps;
    if (!feed.fresh() && feed.trusted()) {
      // The outage grace: no lookup can be trusted, but a key this instance
      // knew is still safely known (invalidations, not the TTL, are what
      // keep it true), even if its entry outlived the TTL meanwhile.
      const known = cache.peek(digest);
      if (known !== undefined) return this.admit(known, admission, now, null);
    }
    if (negative.has(digest, now)) return INVALID;
    // A request for a key already being looked up adds no lookup: it waits for that one.
    const flight = this.flights.get(digest);
    if (flight && flight.generation === feed.generation) return this.resolveAndAdmit(digest, admission);
    const address = client();
    const ticket = failures.start(address, now);
    if (typeof ticket === "number") return { valid: false, code: "rate_limited", message: API_MESSAGES.unknownKeysFromClient, retryAfterSeconds: ticket };
    return this.resolve(digest).then((found) => {
      // Only a key with no row costs the budget: made-up keys are the flood
      // (finding 2). A revoked or expired key is a real row, and lookups of
      // it are the instance's doing when it does not trust its cache (its
      // listener dropped); they must not turn a customer's API server into a
      // client refused for its own users' new keys.
      failures.settle(address, ticket, found === "unknown", clock());
      return this.admitResolved(found, admission);
    });
  }

  private resolveAndAdmit(digest: string, admission: VerifyOptions): Promise<VerifyResult> {
    return this.resolve(digest).then((found) => this.admitResolved(found, admission));
  }

  private admitResolved(found: Resolved, admission: VerifyOptions): MaybePromise<VerifyResult> {
    if (found === "unknown") return INVALID;
    if (found === "unavailable") return UNAVAILABLE;
    return this.admit(found, admission, this.deps.clock(), null);
  }

  /** A record from the database, current as of after the last applied invalidation, or why not. */
  private async resolve(digest: string): Promise<Resolved> {
    const { feed } = this.deps;
    for (let attempt = 0; attempt < LOOKUP_ATTEMPTS; attempt++) {
      // An instance whose feed is not confirmed may be one a revoke stopped
      // waiting for: nothing it read from the database is safe to answer.
      if (!feed.fresh()) return "unavailable";
      const flight = this.flight(digest);
      if (!flight) return "unavailable";
      const found = await flight.answer.catch(() => "failed" as const);
      if (found === "failed" || found === "late" || !feed.fresh()) return "unavailable";
      // An invalidation applied while the lookup ran may postdate what it read.
      if (flight.generation !== feed.generation) continue;
      return found ?? "unknown";
    }
    return "unavailable";
  }

  /**
   * One lookup per key at a time; requests for the same key share it. A
   * database that does not answer (a lock, a saturated pool) costs callers
   * at most the lookup wait, then nothing: once a lookup is stuck past it,
   * new misses are refused at once rather than queued for seconds, except
   * one lookup at a time that probes whether the database answers again
   * (the first answer ends the stall).
   */
  private flight(digest: string): Flight | null {
    const { feed, periods, clock, lookup, maxLookups, lookupWaitMs } = this.deps;
    const existing = this.flights.get(digest);
    if (existing && existing.generation === feed.generation) return existing;
    if (this.flights.size >= maxLookups) return null;
    if (this.stalled && this.flights.size > 0) return null;
    const generation = feed.generation;
    const period = periods.at(clock());
    let timer: NodeJS.Timeout | undefined;
    let settled = false;
    // "late" is decided after the I/O of the loop turn in which the wait ran
    // out (setImmediate runs after it): when the event loop itself was held
    // up, an answer already received wins, and only a lookup the database has
    // really not answered counts as stuck.
    const late = new Promise<"late">((resolve) => {
      timer = setTimeout(
        () =>
          setImmediate(() => {
            if (settled) return;
            this.stalled = true;
            resolve("late");
          }),
        lookupWaitMs,
      );
    });
    const promise = lookup(digest, period.start)
      .then((found) => {
        this.stalled = false;
        return found ? this.adopt(found, period, generation) : this.forget(digest);
      })
      .finally(() => {
        settled = true;
        clearTimeout(timer);
        if (this.flights.get(digest) === flight) this.flights.delete(digest);
      });
    const flight: Flight = { generation, answer: Promise.race([promise, late]) };
    this.flights.set(digest, flight);
    return flight;
  }

  private forget(digest: string): null {
    this.deps.negative.add(digest, this.deps.clock());
    return null;
  }

  private adopt({ record, periodUnits, keyUnits }: LookedUpKey, period: Period, generation: number): KeyRecord {
    const { meters, cache, feed, clock } = this.deps;
    // An existing meter is this instance's own, more current count: the seed only starts a new one.
    const meter = (record.hot.meter = meters.project(record.projectId, period, periodUnits));
    // A meter counts as idle from when it was loaded: one whose request never
    // reached the count (a 503 after the lookup wait, a 403) would otherwise be
    // evicted at the next flush, taking the key it was loaded for out of the cache.
    if (meter.lastUsedAt === 0) meter.lastUsedAt = clock();
    if (record.unitCap !== null) record.hot.keyMeter = meters.key(record.id, keyUnits);
    // Created now, from the database's count, like the project's meter: one
    // made later from a record that has sat in the cache would start from an older count.
    const credits = record.policy.credits;
    if (credits !== null) {
      const creditMeter = creditMeterOf(meters, record, credits, clock());
      if (creditMeter.lastUsedAt === 0) creditMeter.lastUsedAt = clock();
    }
    if (generation === feed.generation) cache.set(record, clock());
    return record;
  }

  private admit(record: KeyRecord, admission: VerifyOptions, now: number, rate: RateDecision | null): MaybePromise<VerifyResult> {
    const keyMeter = record.unitCap === null ? undefined : this.keyMeter(record);
    if (record.revoked || (record.expiresAt !== null && record.expiresAt <= now) || (keyMeter && keyMeter.used >= record.unitCap!)) {
      const entry = this.deps.usage.entry(record, now - (now % HOUR_MS));
      if (entry === null) return UNAVAILABLE;
      entry.refusedUnauthorized++;
      return INVALID;
    }
    if (admission.projectId !== null && admission.projectId !== record.projectId) return FORBIDDEN;
    // A usage read or an embed session is the integrator's own server asking about its key: no policy applies.
    if (admission !== USAGE_READ) {
      const refused = policyRefusal(record, admission);
      if (refused !== null) return refused;
    }
    if (rate === null) {
      const decision = this.deps.limiter.consume(record.id, record.policy.rateLimitRps ?? record.limits.rps);
      if (isPromise(decision)) {
        const generation = this.deps.feed.generation;
        // A limiter that cannot answer (it falls back to memory first) fails closed.
        return decision.then((d) => this.afterAwait(record, admission, d, generation)).catch(() => UNAVAILABLE);
      }
      rate = decision;
    }
    return this.charge(record, keyMeter, admission, rate, now);
  }

  /** After an await (Redis): if anything was invalidated meanwhile, redo the checks on a fresh record. */
  private afterAwait(record: KeyRecord, admission: VerifyOptions, rate: RateDecision, generation: number): MaybePromise<VerifyResult> {
    const { feed, clock } = this.deps;
    if (feed.generation === generation && feed.trusted()) return this.admit(record, admission, clock(), rate);
    return this.resolve(record.digest).then((found) => {
      if (found === "unknown") return INVALID;
      if (found === "unavailable") return UNAVAILABLE;
      return this.admit(found, admission, clock(), rate);
    });
  }

  private charge(record: KeyRecord, keyMeter: KeyMeter | undefined, admission: VerifyOptions, rate: RateDecision, now: number): VerifyResult {
    const entry = this.deps.usage.entry(record, now - (now % HOUR_MS));
    // The buffer is full (the database has been away long): an answer that
    // could not be counted is not given.
    if (entry === null) return UNAVAILABLE;
    if (!rate.allowed) {
      entry.refusedRate++;
      return { valid: false, code: "rate_limited", retryAfterSeconds: rate.retryAfterSeconds };
    }
    const period = this.deps.periods.at(now);
    const meter = this.projectMeter(record, period);
    meter.lastUsedAt = now;
    const limit = quotaLimit(record);
    const used = quotaUsed(record, meter);
    const metered = admission !== USAGE_READ;
    const cost = admission.cost;
    if (metered && used + cost > limit) {
      entry.refusedQuota++;
      return quotaExceeded(period.end - now);
    }
    const credits = metered ? record.policy.credits : null;
    let creditMeter: CreditMeter | undefined;
    if (credits !== null) {
      creditMeter = creditMeterOf(this.deps.meters, record, credits, now);
      if (creditMeter.used + cost > record.hot.creditLimit!) {
        entry.refusedQuota++;
        return creditsSpent(credits, record.hot.creditEnd!, now);
      }
    }
    let quota: Quota;
    if (keyMeter) {
      const cap = record.unitCap!;
      if (keyMeter.used + cost > cap) {
        entry.refusedQuota++;
        return quotaExceeded((record.expiresAt ?? period.end) - now);
      }
      keyMeter.unflushed += cost;
      keyMeter.lastUsedAt = now;
      quota = { limit: cap, used: keyMeter.used, remaining: cap - keyMeter.used, periodEnd: record.expiresAt ?? period.end };
    } else {
      quota = { limit, used: used + cost, remaining: Math.max(0, limit - used - cost), periodEnd: period.end };
    }
    let creditsState: CreditsState | null = null;
    if (creditMeter !== undefined) {
      creditMeter.unflushed += cost;
      creditMeter.lastUsedAt = now;
      const limit = record.hot.creditLimit!;
      const end = record.hot.creditEnd!;
      creditsState = { limit, remaining: Math.max(0, limit - creditMeter.used), refillsAt: end === Infinity ? null : end };
    }
    if (metered) {
      meter.unflushed[record.environment] += cost;
      entry.units += cost;
      entry.requests++;
      entry.lastUsedAt = now;
      entry.lastClientIp = admission.clientIp;
    }
    return {
      valid: true,
      projectId: record.projectId,
      keyId: record.id,
      environment: record.environment,
      quota,
      embedEnabled: record.embedEnabled,
      permissions: record.policy.permissions,
      credits: creditsState,
    };
  }

  /** The record's meter for this period; a new period's starts at 0 and the next flush reads the database's count. */
  private projectMeter(record: KeyRecord, period: Period): ProjectMeter {
    const cached = record.hot.meter;
    if (cached !== undefined && cached.period.start === period.start && !cached.evicted) return cached;
    return (record.hot.meter = this.deps.meters.project(record.projectId, period));
  }

  private keyMeter(record: KeyRecord): KeyMeter {
    const cached = record.hot.keyMeter;
    if (cached !== undefined && !cached.evicted) return cached;
    return (record.hot.keyMeter = this.deps.meters.key(record.id));
  }
}

function quotaExceeded(msUntilReset: number): Refusal {
  return { valid: false, code: "quota_exceeded", retryAfterSeconds: Math.max(1, Math.ceil(msUntilReset / 1000)) };
}
