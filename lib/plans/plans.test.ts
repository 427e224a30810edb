import { describe, expect, it } from "vitest";
import { periodOf, PeriodClock } from "./period";
import { projectLimits } from "./plans";

describe("projectLimits", () => {
  const custom = { customMonthlyUnits: null, customRps: null, testMonthlyUnits: null };

  it("gives each plan its defaults", () => {
    expect(projectLimits({ plan: "free", ...custom })).toEqual({ monthlyUnits: 1000, rps: 5, testMonthlyUnits: null });
    expect(projectLimits({ plan: "pro", ...custom })).toEqual({ monthlyUnits: 100_000, rps: 50, testMonthlyUnits: null });
  });

  it("uses an operator's custom limits, and never treats a missing one as unlimited", () => {
    expect(projectLimits({ plan: "custom", customMonthlyUnits: 5_000_000, customRps: 500, testMonthlyUnits: 100 })).toEqual({
      monthlyUnits: 5_000_000,
      rps: 500,
      testMonthlyUnits: 100,
    });
    expect(projectLimits({ plan: "custom", ...custom })).toEqual({ monthlyUnits: 1000, rps: 5, testMonthlyUnits: null });
  });

  it("ignores custom limits on a standard plan but keeps a separate test quota", () => {
    expect(projectLimits({ plan: "pro", customMonthlyUnits: 1, customRps: 1, testMonthlyUnits: 10 })).toEqual({
      monthlyUnits: 100_000,
      rps: 50,
      testMonthlyUnits: 10,
    });
  });
});

describe("quota periods", () => {
  it("are UTC calendar months", () => {
    expect(periodOf(Date.UTC(2026, 1, 28, 23, 59))).toEqual({ start: Date.UTC(2026, 1, 1), end: Date.UTC(2026, 2, 1) });
    expect(periodOf(Date.UTC(2026, 11, 31, 12))).toEqual({ start: Date.UTC(2026, 11, 1), end: Date.UTC(2027, 0, 1) });
  });

  it("are recomputed only when one ends", () => {
    const clock = new PeriodClock();
    const first = clock.at(Date.UTC(2026, 10, 5));
    expect(clock.at(Date.UTC(2026, 10, 30, 23))).toBe(first);
    expect(clock.at(Date.UTC(2026, 11, 1))).toEqual({ start: Date.UTC(2026, 11, 1), end: Date.UTC(2027, 0, 1) });
  });
});

describe("keyDigest", () => {
  it("is the SHA-256 that api_keys.hash stores, as a 32-character binary string", async () => {
    const { generateKey, hashKey } = await import("../keys/format");
    const { digestHex, keyDigest } = await import("../keys/digest");
    const key = generateKey("kd", "live");
    expect(keyDigest(key)).toHaveLength(32);
    expect(digestHex(keyDigest(key))).toBe(hashKey(key));
  });
});
