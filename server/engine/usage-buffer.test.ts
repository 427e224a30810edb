import { describe, expect, it } from "vitest";
import { NO_POLICY, type KeyRecord } from "./types";
import { UsageBuffer } from "./usage-buffer";

const HOUR = 3_600_000;

function record(id: string, unitCap: number | null = null): KeyRecord {
  return {
    digest: `digest-${id}`,
    id,
    projectId: `project-of-${id}`,
    environment: "live",
    expiresAt: null,
    revoked: false,
    unitCap,
    limits: { monthlyUnits: 1000, rps: 100, testMonthlyUnits: null },
    embedEnabled: false,
    policy: NO_POLICY,
    hot: {},
  };
}

/** What a cut batch says, in a stable order. */
const snapshot = (entries: ReturnType<UsageBuffer["cut"]>) =>
  entries.map(({ keyId, projectId, hour, capped, units, requests, refusedQuota }) => ({ keyId, projectId, hour, capped, units, requests, refusedQuota })).sort((a, b) => a.keyId.localeCompare(b.keyId) || a.hour - b.hour);

describe("UsageBuffer", () => {
  it("keeps one entry per key and hour, whichever record of the key counts into it", () => {
    const buffer = new UsageBuffer();
    const a = record("a");
    const reloaded = record("a");
    buffer.entry(a, 0)!.units += 2;
    buffer.entry(reloaded, 0)!.units += 3;
    buffer.entry(a, HOUR)!.units += 5;
    buffer.entry(a, HOUR)!.requests++;
    expect(buffer.size).toBe(2);
    expect(snapshot(buffer.cut())).toEqual([
      { keyId: "a", projectId: "project-of-a", hour: 0, capped: false, units: 5, requests: 0, refusedQuota: 0 },
      { keyId: "a", projectId: "project-of-a", hour: HOUR, capped: false, units: 5, requests: 1, refusedQuota: 0 },
    ]);
    expect(buffer.size).toBe(0);
  });

  it("counts nothing into a closed entry: after a cut the same key gets a fresh one", () => {
    const buffer = new UsageBuffer();
    const a = record("a");
    const before = buffer.entry(a, 0)!;
    before.units = 3;
    const [closed] = buffer.cut();
    const after = buffer.entry(a, 0)!;
    after.units += 1;
    expect(closed).toBe(before);
    expect(before.units).toBe(3);
    expect(after).not.toBe(before);
  });

  it("refuses a new key-hour once full, and still counts the ones it has", () => {
    const buffer = new UsageBuffer(1);
    const a = record("a");
    expect(buffer.entry(a, 0)).not.toBeNull();
    expect(buffer.entry(record("b"), 0)).toBeNull();
    expect(buffer.entry(a, HOUR)).toBeNull();
    expect(buffer.entry(a, 0)).not.toBeNull();
  });
});
