import { describe, expect, it } from "vitest";
import { generateKey } from "../../lib/keys/format";
import { keyDigest } from "../../lib/keys/digest";
import { IpAllowlist } from "../../lib/keys/ip-allowlist";
import { FailureBudget } from "./failure-budget";
import { KeyCache, NegativeCache } from "./key-cache";
import { keyRecordFixture } from "./key-record.fixture";
import { Meters } from "./meters";
import { PeriodClock } from "../../lib/plans/period";
import { memoryRateLimiter } from "./rate-limit";
import { NO_POLICY, type KeyCredits, type KeyPolicy, type VerifyResult } from "./types";
import { UsageBuffer } from "./usage-buffer";
import { Verifier } from "./verifier";

// The key policy's checks in the verification function (issue 17), in
// process; the same rules against PostgreSQL and the HTTP service are
// server/policy.int.test.ts's.

const NOW = Date.UTC(2026, 11, 2, 22);
const client = () => "203.0.113.7";

function setup(policy: Partial<KeyPolicy>, { environment = "live" as "live" | "test", rps = 1000 } = {}) {
  const key = generateKey("kd", environment);
  const meters = new Meters();
  const usage = new UsageBuffer();
  let now = NOW;
  const permissions = policy.permissions ?? [];
  const record = () =>
    keyRecordFixture({
      digest: keyDigest(key),
      id: "key-1",
      projectId: "p1",
      environment,
      limits: { monthlyUnits: 1e9, rps, testMonthlyUnits: null },
      policy: { ...NO_POLICY, permissions, permissionSet: new Set(permissions), ...policy },
    });
  const verifier = new Verifier({
    keyPrefix: "kd",
    cache: new KeyCache(100, 300_000),
    negative: new NegativeCache(100, 60_000),
    failures: new FailureBudget({ burst: 100, perSecond: 100, maxClients: 100 }),
    meters,
    usage,
    periods: new PeriodClock(),
    limiter: memoryRateLimiter(),
    feed: { generation: 0, fresh: () => true, trusted: () => true },
    lookup: async (digest) => (digest === keyDigest(key) ? { record: record(), periodUnits: {}, keyUnits: 0 } : null),
    maxLookups: 100,
    lookupWaitMs: 1000,
    clock: () => now,
  });
  const verify = async (body?: object) => verifier.verify(`Bearer ${key}`, body, client);
  return { verify, meters, usage, advance: (ms: number) => (now += ms) };
}

const code = (result: VerifyResult) => (result.valid ? 200 : result.code);

describe("key policy at verify", () => {
  it("pins the environment: a key of another environment is 403 wrong_environment", async () => {
    const { verify } = setup({}, { environment: "test" });
    expect(await verify({ environment: "live" })).toMatchObject({ valid: false, code: "wrong_environment", message: "This is a test key, and the request requires a live key." });
    expect(code(await verify({ environment: "test" }))).toBe(200);
    expect(code(await verify())).toBe(200);
  });

  it("checks client_ip against the allowlist, and requires it when there is one", async () => {
    const { verify } = setup({ allowlist: new IpAllowlist(["10.0.0.0/8", "2001:db8::/32"]) });
    expect(code(await verify({ client_ip: "10.1.2.3" }))).toBe(200);
    expect(code(await verify({ client_ip: "2001:db8::7" }))).toBe(200);
    expect(await verify({ client_ip: "192.0.2.1" })).toMatchObject({ code: "ip_not_allowed", message: expect.stringContaining("outside") });
    expect(await verify()).toMatchObject({ code: "ip_not_allowed", message: expect.stringContaining("send client_ip") });
  });

  it("evaluates the permission query against the key's names, listing what is missing", async () => {
    const { verify } = setup({ permissions: ["charges.read", "charges.write"] });
    expect(await verify({ permissions: "charges.write AND (charges.read OR refunds.read)" })).toMatchObject({ valid: true, permissions: ["charges.read", "charges.write"] });
    expect(await verify({ permissions: "charges.write AND refunds.write" })).toEqual({
      valid: false,
      code: "insufficient_permissions",
      message: "This key lacks the permissions the request requires: refunds.write.",
      missingPermissions: ["refunds.write"],
    });
    expect(await verify({ permissions: "charges.write AND" })).toMatchObject({ code: "invalid_request", message: expect.stringContaining("position 18") });
  });

  it("checks in the contract's order: environment, then IP, then permissions", async () => {
    const { verify } = setup({ allowlist: new IpAllowlist(["10.0.0.0/8"]) }, { environment: "test" });
    expect(code(await verify({ environment: "live", permissions: "x" }))).toBe("wrong_environment");
    expect(code(await verify({ permissions: "x" }))).toBe("ip_not_allowed");
    expect(code(await verify({ client_ip: "10.0.0.1", permissions: "x" }))).toBe("insufficient_permissions");
  });

  it("uses the key's rate limit in place of the plan's", async () => {
    const { verify } = setup({ rateLimitRps: 2 }, { rps: 100 });
    const results = [await verify(), await verify(), await verify()];
    expect(results.map(code)).toEqual([200, 200, "rate_limited"]);
  });

  it("spends credits exactly, however many requests run at once, and says when they refill", async () => {
    const credits: KeyCredits = { granted: 50, used: 10, periodStart: Date.UTC(2026, 11, 2), version: 0, refill: { interval: "daily", amount: 100 } };
    const { verify, meters, advance } = setup({ credits });
    const results = await Promise.all(Array.from({ length: 200 }, () => verify()));
    expect(results.filter((r) => r.valid)).toHaveLength(40);
    expect(results.find((r) => r.valid)).toMatchObject({ credits: { limit: 50, refillsAt: Date.UTC(2026, 11, 3) } });
    const refused = results.find((r) => !r.valid);
    expect(refused).toMatchObject({ code: "quota_exceeded", retryAfterSeconds: 7200, message: expect.stringContaining("refill (100 units, daily) at 2026-12-03T00:00:00.000Z") });
    expect(meters.findCredit("key-1", 0, credits.periodStart)!.used).toBe(50);

    advance(2 * 3600_000); // the UTC day ends: the refill applies at once, from 0
    expect(await verify({ cost: 5 })).toMatchObject({ valid: true, credits: { limit: 100, remaining: 95, refillsAt: Date.UTC(2026, 11, 4) } });
    expect(meters.findCredit("key-1", 0, Date.UTC(2026, 11, 3))!.unflushed).toBe(5);
  });

  it("without a refill, spent credits stay spent", async () => {
    const { verify } = setup({ credits: { granted: 1, used: 0, periodStart: 0, version: 3, refill: null } });
    expect(await verify()).toMatchObject({ valid: true, credits: { limit: 1, remaining: 0, refillsAt: null } });
    expect(await verify()).toMatchObject({ code: "quota_exceeded", message: expect.stringContaining("do not refill") });
  });
});
