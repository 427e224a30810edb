import { describe, expect, it, vi } from "vitest";
import { generateKey, hashKey } from "../../lib/keys/format";
import { digestHex, keyDigest } from "../../lib/keys/digest";
import { FailureBudget, type FailureBudgetOptions } from "./failure-budget";
import { KeyCache, NegativeCache } from "./key-cache";
import type { LookedUpKey } from "./lookup";
import { Meters } from "./meters";
import { PeriodClock } from "../../lib/plans/period";
import { memoryRateLimiter } from "./rate-limit";
import { isPromise, NO_POLICY, type KeyRecord, type VerifyResult } from "./types";
import { UsageBuffer } from "./usage-buffer";
import { Verifier } from "./verifier";

const NOW = Date.UTC(2026, 10, 25, 12);
const client = () => "203.0.113.7";

function setup(
  rows: Record<string, Partial<KeyRecord>> = {},
  {
    units = 0,
    lookupWaitMs = 1000,
    negativeTtlMs = 60_000,
    budget = { burst: 1000, perSecond: 1000, maxClients: 100 } as FailureBudgetOptions,
    usageEntries = Infinity,
  } = {},
) {
  const feed = { generation: 0, fresh: () => true, trusted: () => true };
  const usage = new UsageBuffer(usageEntries);
  const meters = new Meters();
  const cache = new KeyCache(1000, 300_000);
  let now = NOW;
  const lookup = vi.fn(async (digest: string): Promise<LookedUpKey | null> => {
    const row = rows[digestHex(digest)];
    if (!row) return null;
    return {
      record: {
        digest,
        id: `key-${digestHex(digest).slice(0, 6)}`,
        projectId: "p1",
        environment: "live",
        expiresAt: null,
        revoked: false,
        unitCap: null,
        limits: { monthlyUnits: 10, rps: 1000, testMonthlyUnits: null },
        embedEnabled: false,
        policy: NO_POLICY,
        ...row,
        hot: {},
      },
      periodUnits: { live: units },
      keyUnits: 0,
    };
  });
  const verifier = new Verifier({
    keyPrefix: "kd",
    cache,
    negative: new NegativeCache(100, negativeTtlMs),
    failures: new FailureBudget(budget),
    meters,
    usage,
    periods: new PeriodClock(),
    limiter: memoryRateLimiter(),
    feed,
    lookup,
    maxLookups: 100,
    lookupWaitMs,
    clock: () => now,
  });
  return { verifier, lookup, feed, usage, meters, cache, advance: (ms: number) => (now += ms) };
}

function keyWith(row: Partial<KeyRecord> = {}) {
  const key = generateKey("kd", row.environment ?? "live");
  return { key, header: `Bearer ${key}`, rows: { [hashKey(key)]: row } };
}

const code = (result: VerifyResult) => (result.valid ? 200 : result.code);

describe("Verifier", () => {
  it("rejects a malformed key or a bad checksum without a lookup", async () => {
    const { verifier, lookup } = setup();
    const key = generateKey("kd", "live");
    const typo = key.slice(0, 10) + (key[10] === "a" ? "b" : "a") + key.slice(11);
    for (const header of [`Bearer ${typo}`, "Bearer kd_live_short", `Bearer xx_live_${key.slice(8)}`, `Bearer ${key}x`]) {
      expect(verifier.verify(header, undefined, client)).toEqual({ valid: false, code: "invalid_credentials" });
    }
    expect(verifier.verify(undefined, undefined, client)).toEqual({ valid: false, code: "missing_authorization" });
    expect(lookup).not.toHaveBeenCalled();
  });

  it("looks a key up once, then answers from the cache synchronously", async () => {
    const { key, header, rows } = keyWith();
    const { verifier, lookup } = setup(rows);
    const first = verifier.verify(header, { cost: 2 }, client);
    expect(isPromise(first)).toBe(true);
    expect(await first).toMatchObject({ valid: true, projectId: "p1", quota: { limit: 10, used: 2, remaining: 8 } });
    const second = verifier.verify(header, undefined, client);
    expect(isPromise(second)).toBe(false);
    expect(second).toMatchObject({ valid: true, quota: { used: 3 } });
    expect(lookup).toHaveBeenCalledTimes(1);
    expect(digestHex(lookup.mock.calls[0]![0])).toBe(hashKey(key));
    expect(lookup.mock.calls[0]![0]).toBe(keyDigest(key));
  });

  it("passes the request that reaches the quota and refuses the next, without counting it, under concurrency", async () => {
    const { header, rows } = keyWith();
    const { verifier, lookup, usage } = setup(rows, { units: 4 });
    // 20 concurrent requests on a cold cache: one lookup, then exact counting.
    const results = await Promise.all(Array.from({ length: 20 }, () => verifier.verify(header, { cost: 1 }, client)));
    expect(lookup).toHaveBeenCalledTimes(1);
    expect(results.filter((r) => r.valid)).toHaveLength(6);
    expect(results[5]).toMatchObject({ valid: true, quota: { used: 10, remaining: 0 } });
    expect(results[6]).toMatchObject({ valid: false, code: "quota_exceeded" });
    const [entry] = usage.cut();
    expect(entry).toMatchObject({ units: 6, requests: 6, refusedQuota: 14 });
  });

  it("answers the same 401 for unknown, revoked and expired keys, counting refusals of known ones", async () => {
    const unknown = keyWith();
    const revoked = keyWith({ revoked: true });
    const expired = keyWith({ expiresAt: NOW - 1 });
    const { verifier, usage, lookup } = setup({ ...revoked.rows, ...expired.rows });
    const answers = await Promise.all([unknown, revoked, expired].map((k) => verifier.verify(k.header, undefined, client)));
    expect(answers).toEqual(Array(3).fill({ valid: false, code: "invalid_credentials" }));
    // The unknown key is remembered: no second lookup.
    await verifier.verify(unknown.header, undefined, client);
    expect(lookup).toHaveBeenCalledTimes(3);
    expect(usage.cut().map((e) => e.refusedUnauthorized)).toEqual([1, 1]);
  });

  it("expires a key when its time comes, with no invalidation", async () => {
    const { header, rows } = keyWith({ expiresAt: NOW + 1000 });
    const { verifier, advance } = setup(rows);
    expect(code(await verifier.verify(header, undefined, client))).toBe(200);
    advance(1000);
    expect(code(await verifier.verify(header, undefined, client))).toBe("invalid_credentials");
  });

  it("refuses another project's resource with 403, before counting", async () => {
    const { header, rows } = keyWith();
    const { verifier, usage } = setup(rows);
    expect(code(await verifier.verify(header, { project_id: "p2" }, client))).toBe("forbidden");
    expect(code(await verifier.verify(header, { project_id: "p1" }, client))).toBe(200);
    expect(usage.cut()[0]).toMatchObject({ units: 1, requests: 1 });
  });

  it("rate limits per key with Retry-After, and does not count refused requests as usage", async () => {
    const { header, rows } = keyWith({ limits: { monthlyUnits: 1000, rps: 3, testMonthlyUnits: null } });
    const { verifier, usage } = setup(rows);
    const results = [await verifier.verify(header, undefined, client)];
    for (let i = 0; i < 4; i++) results.push(await verifier.verify(header, undefined, client));
    expect(results.map(code)).toEqual([200, 200, 200, "rate_limited", "rate_limited"]);
    expect(results[3]).toMatchObject({ retryAfterSeconds: 1 });
    expect(usage.cut()[0]).toMatchObject({ units: 3, requests: 3, refusedRate: 2 });
  });

  it("spends a sandbox key's units: the 50th passes, then 401", async () => {
    const { header, rows } = keyWith({ environment: "sandbox", unitCap: 50, expiresAt: NOW + 86_400_000, limits: { monthlyUnits: 1e9, rps: 1000, testMonthlyUnits: null } });
    const { verifier } = setup(rows);
    const first = await verifier.verify(header, { cost: 49 }, client);
    expect(first).toMatchObject({ valid: true, quota: { limit: 50, used: 49, remaining: 1, periodEnd: NOW + 86_400_000 } });
    expect(code(await verifier.verify(header, { cost: 2 }, client))).toBe("quota_exceeded");
    expect(code(await verifier.verify(header, { cost: 1 }, client))).toBe(200);
    expect(code(await verifier.verify(header, { cost: 0 }, client))).toBe("invalid_credentials");
    expect(code(await verifier.authenticate(header, client))).toBe("invalid_credentials");
  });

  it("gives test keys a quota of their own when the project has one", async () => {
    const limits = { monthlyUnits: 5, rps: 1000, testMonthlyUnits: 2 };
    const live = keyWith({ limits });
    const test = keyWith({ environment: "test", limits });
    const { verifier } = setup({ ...live.rows, ...test.rows });
    expect(await verifier.verify(test.header, { cost: 2 }, client)).toMatchObject({ valid: true, quota: { limit: 2, used: 2 } });
    expect(code(await verifier.verify(test.header, undefined, client))).toBe("quota_exceeded");
    expect(await verifier.verify(live.header, { cost: 5 }, client)).toMatchObject({ valid: true, quota: { limit: 5, used: 5 } });
  });

  it("redoes a lookup that an invalidation overtook, and answers 503 when the feed is not confirmed", async () => {
    const { header, rows } = keyWith();
    const { verifier, lookup, feed } = setup(rows);
    lookup.mockImplementationOnce(async (digest) => {
      feed.generation++; // a revoke was applied while this lookup ran
      return { record: { ...(await lookup.getMockImplementation()!(digest))!.record, revoked: false }, periodUnits: {}, keyUnits: 0 };
    });
    expect(code(await verifier.verify(header, undefined, client))).toBe(200);
    expect(lookup).toHaveBeenCalledTimes(2);

    const other = keyWith();
    const stale = setup(other.rows);
    stale.feed.fresh = () => false;
    stale.feed.trusted = () => false;
    expect(await stale.verifier.verify(other.header, undefined, client)).toEqual({ valid: false, code: "service_unavailable", retryAfterSeconds: 1 });
    expect(stale.lookup).not.toHaveBeenCalled();
  });

  it("answers 503 when a lookup hangs past the wait, refuses new misses at once meanwhile, and caches the late answer", async () => {
    const slow = keyWith();
    const other = keyWith();
    const { verifier, lookup } = setup({ ...slow.rows, ...other.rows }, { lookupWaitMs: 20 });
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const answer = lookup.getMockImplementation()!;
    lookup.mockImplementationOnce(async (digest) => {
      await held; // a lookup stuck on a lock
      return answer(digest);
    });
    expect(await verifier.verify(slow.header, undefined, client)).toEqual({ valid: false, code: "service_unavailable", retryAfterSeconds: 1 });
    // The stuck lookup is past the wait: another miss is not queued behind it.
    expect(code(await verifier.verify(other.header, undefined, client))).toBe("service_unavailable");
    expect(lookup).toHaveBeenCalledTimes(1);
    release();
    await new Promise((resolve) => setTimeout(resolve, 0));
    // The late answer filled the cache; misses are looked up again.
    expect(code(await verifier.verify(slow.header, undefined, client))).toBe(200);
    expect(code(await verifier.verify(other.header, undefined, client))).toBe(200);
    expect(lookup).toHaveBeenCalledTimes(2);
  });

  it("after a stuck lookup fails, probes with one lookup at a time until the database answers again", async () => {
    const [a, b, c] = [keyWith(), keyWith(), keyWith()];
    const { verifier, lookup } = setup({ ...a.rows, ...b.rows, ...c.rows }, { lookupWaitMs: 20 });
    const answer = lookup.getMockImplementation()!;
    let fail = () => {};
    lookup.mockImplementationOnce(() => new Promise((_, reject) => (fail = () => reject(new Error("statement timeout")))));
    expect(code(await verifier.verify(a.header, undefined, client))).toBe("service_unavailable");
    fail(); // the stuck lookup ends with an error: the database has still not answered
    await new Promise((resolve) => setTimeout(resolve, 0));
    let release = () => {};
    lookup.mockImplementationOnce(async (digest) => {
      await new Promise<void>((resolve) => (release = resolve));
      return answer(digest);
    });
    const probe = verifier.verify(b.header, undefined, client); // the one probe
    expect(code(await verifier.verify(c.header, undefined, client))).toBe("service_unavailable"); // shed behind it
    expect(lookup).toHaveBeenCalledTimes(2);
    release(); // the database answers the probe (whether or not in time for its own request)
    await probe;
    expect(code(await verifier.verify(c.header, undefined, client))).toBe(200);
    expect(lookup).toHaveBeenCalledTimes(3);
  });

  it("does not use cached entries while the cache is not trusted", async () => {
    const { header, rows } = keyWith();
    const { verifier, lookup, feed } = setup(rows);
    await verifier.verify(header, undefined, client);
    feed.trusted = () => false;
    await verifier.verify(header, undefined, client);
    expect(lookup).toHaveBeenCalledTimes(2);
  });

  it("during an outage grace (cache trusted, lookups not) answers known keys from the cache, even past its TTL, and 503 for others, with no lookup", async () => {
    const known = keyWith();
    const revoked = keyWith();
    const unseen = keyWith();
    const { verifier, lookup, feed, cache, advance } = setup({ ...known.rows, ...revoked.rows, ...unseen.rows });
    expect(code(await verifier.verify(known.header, undefined, client))).toBe(200);
    expect(code(await verifier.verify(revoked.header, undefined, client))).toBe(200);
    cache.deleteKey(`key-${hashKey(revoked.key).slice(0, 6)}`); // an invalidation applied before the outage
    feed.fresh = () => false;
    advance(10 * 60_000); // past the cache's 5-minute TTL
    expect(code(await verifier.verify(known.header, undefined, client))).toBe(200);
    expect(code(await verifier.verify(revoked.header, undefined, client))).toBe("service_unavailable");
    expect(code(await verifier.verify(unseen.header, undefined, client))).toBe("service_unavailable");
    expect(lookup).toHaveBeenCalledTimes(2);
    // The grace is over: nothing is answered from the cache.
    feed.trusted = () => false;
    expect(code(await verifier.verify(known.header, undefined, client))).toBe("service_unavailable");
  });

  it("answers 503 rather than an uncounted 200 when the usage buffer is full, and keeps counting the key-hours it holds", async () => {
    const [a, b] = [keyWith(), keyWith()];
    const { verifier, usage } = setup({ ...a.rows, ...b.rows }, { usageEntries: 1 });
    expect(code(await verifier.verify(a.header, { cost: 2 }, client))).toBe(200);
    expect(code(await verifier.verify(b.header, undefined, client))).toBe("service_unavailable");
    expect(code(await verifier.verify(a.header, { cost: 3 }, client))).toBe(200);
    expect(usage.cut().map((entry) => entry.units)).toEqual([5]);
    // A cut (a written batch) makes room again.
    expect(code(await verifier.verify(b.header, undefined, client))).toBe(200);
  });

  it("gives lookups that find no key a budget per client address: past it 429 with Retry-After and no lookup; revoked keys cost nothing", async () => {
    const valid = keyWith();
    const revoked = keyWith({ revoked: true });
    const { verifier, lookup, advance } = setup({ ...valid.rows, ...revoked.rows }, { budget: { burst: 3, perSecond: 1, maxClients: 100 } });
    const flooder = () => "198.51.100.9";
    // Each unknown key costs one unit; the revoked one (a real row, found, then refused) costs none.
    for (const header of [keyWith().header, revoked.header, keyWith().header, keyWith().header]) {
      expect(code(await verifier.verify(header, undefined, flooder))).toBe("invalid_credentials");
    }
    expect(lookup).toHaveBeenCalledTimes(4);
    const refused = await verifier.verify(keyWith().header, undefined, flooder);
    expect(refused).toMatchObject({ valid: false, code: "rate_limited", retryAfterSeconds: 1 });
    expect(!refused.valid && refused.message).toMatch(/too many unknown keys from this client address/i);
    // Past the budget even a valid key not yet cached waits: the lookup is what is refused.
    expect(code(await verifier.verify(valid.header, undefined, flooder))).toBe("rate_limited");
    expect(lookup).toHaveBeenCalledTimes(4);
    // Another client is not affected; its valid key is looked up and cached.
    expect(code(await verifier.verify(valid.header, undefined, client))).toBe(200);
    expect(lookup).toHaveBeenCalledTimes(5);
    // Cached keys and remembered unknown digests need no lookup: the flooder gets their answers.
    expect(code(await verifier.verify(valid.header, undefined, flooder))).toBe(200);
    expect(code(await verifier.verify(revoked.header, undefined, flooder))).toBe("invalid_credentials");
    // One unit a second comes back.
    advance(1000);
    expect(code(await verifier.verify(keyWith().header, undefined, flooder))).toBe("invalid_credentials");
    expect(code(await verifier.verify(keyWith().header, undefined, flooder))).toBe("rate_limited");
    expect(lookup).toHaveBeenCalledTimes(6);
  });

  it("never charges valid keys, however many and however concurrent, or unanswered lookups", async () => {
    const keys = Array.from({ length: 50 }, () => keyWith());
    const rows = Object.assign({}, ...keys.map((k) => k.rows)) as Record<string, Partial<KeyRecord>>;
    const { verifier, feed, lookup } = setup(rows, { budget: { burst: 2, perSecond: 1, maxClients: 100 } });
    // A cold cache: 50 lookups of new valid keys at once from one client.
    const answers = await Promise.all(keys.map((k) => verifier.verify(k.header, { cost: 0 }, client)));
    expect(answers.map(code)).toEqual(keys.map(() => 200));
    expect(lookup).toHaveBeenCalledTimes(50);
    feed.fresh = () => false;
    for (let i = 0; i < 5; i++) expect(code(await verifier.verify(keyWith().header, undefined, client))).toBe("service_unavailable");
    feed.fresh = () => true;
    expect(code(await verifier.verify(keyWith().header, undefined, client))).toBe("invalid_credentials");
    expect(code(await verifier.verify(keyWith().header, undefined, client))).toBe("invalid_credentials");
    expect(code(await verifier.verify(keyWith().header, undefined, client))).toBe("rate_limited");
  });

  it("charges one unit per lookup: concurrent requests for a key being looked up share it and its cost", async () => {
    const unknown = keyWith();
    const { verifier, lookup } = setup({}, { budget: { burst: 2, perSecond: 1, maxClients: 100 } });
    const answers = await Promise.all(Array.from({ length: 50 }, () => verifier.verify(unknown.header, undefined, client)));
    expect(lookup).toHaveBeenCalledTimes(1);
    expect(answers.map(code)).toEqual(answers.map(() => "invalid_credentials"));
    // One unit spent, one left.
    expect(code(await verifier.verify(keyWith().header, undefined, client))).toBe("invalid_credentials");
    expect(code(await verifier.verify(keyWith().header, undefined, client))).toBe("rate_limited");
  });

  it("lets concurrent misses run ahead of an empty budget only by the lookups in flight, and charges them as debt", async () => {
    const { verifier, lookup, advance } = setup({}, { budget: { burst: 5, perSecond: 1, maxClients: 100 } });
    const first = await Promise.all(Array.from({ length: 8 }, () => verifier.verify(keyWith().header, undefined, client)));
    expect(first.map(code)).toEqual(first.map(() => "invalid_credentials"));
    // 8 lookups ended in 401 against a budget of 5: 3 of debt, so 4 s until the next.
    expect(await verifier.verify(keyWith().header, undefined, client)).toMatchObject({ code: "rate_limited", retryAfterSeconds: 4 });
    advance(3_999);
    expect(code(await verifier.verify(keyWith().header, undefined, client))).toBe("rate_limited");
    advance(1);
    expect(code(await verifier.verify(keyWith().header, undefined, client))).toBe("invalid_credentials");
    expect(lookup).toHaveBeenCalledTimes(9);
  });

  it("once a client has failed, holds a unit per lookup in flight: concurrent misses cannot run ahead of the budget", async () => {
    const { verifier, lookup } = setup({}, { budget: { burst: 5, perSecond: 1, maxClients: 100 } });
    expect(code(await verifier.verify(keyWith().header, undefined, client))).toBe("invalid_credentials");
    const answers = await Promise.all(Array.from({ length: 20 }, () => verifier.verify(keyWith().header, undefined, client)));
    expect(answers.map(code).filter((c) => c === "invalid_credentials")).toHaveLength(4);
    expect(answers.map(code).filter((c) => c === "rate_limited")).toHaveLength(16);
    expect(lookup).toHaveBeenCalledTimes(5);
  });

  it("reads the client's address only on a miss", async () => {
    const { header, rows } = keyWith();
    const { verifier } = setup(rows);
    const address = vi.fn(() => "192.0.2.1");
    await verifier.verify(header, undefined, address);
    expect(address).toHaveBeenCalledTimes(1);
    for (let i = 0; i < 5; i++) expect(code(verifier.verify(header, undefined, address) as VerifyResult)).toBe(200);
    expect(address).toHaveBeenCalledTimes(1);
  });

  it("does not look a missed digest up again within the negative TTL, and finds a row that appears after it", async () => {
    const { key, header } = keyWith();
    const rows: Record<string, Partial<KeyRecord>> = {};
    const { verifier, lookup, advance } = setup(rows, { negativeTtlMs: 10_000 });
    expect(code(await verifier.verify(header, undefined, client))).toBe("invalid_credentials");
    // The row appears (an operator restoring keys): remembered as unknown for at most the TTL.
    rows[hashKey(key)] = {};
    advance(9_999);
    expect(code(await verifier.verify(header, undefined, client))).toBe("invalid_credentials");
    expect(lookup).toHaveBeenCalledTimes(1);
    advance(1);
    expect(code(await verifier.verify(header, undefined, client))).toBe(200);
    expect(lookup).toHaveBeenCalledTimes(2);
  });

  it("refuses an out-of-range body with invalid_request", () => {
    const { header } = keyWith();
    const { verifier } = setup();
    expect(verifier.verify(header, { cost: 10_001 }, client)).toMatchObject({ valid: false, code: "invalid_request" });
  });
});
