import { describe, expect, it } from "vitest";
import { describeReceipt, describeWorstCase, receiptFromMetadata, type InvalidationReceipt } from "./receipt";

const ack = (id: string) => ({ id, host: "api-1", acknowledgedAt: "2026-12-01T10:00:00.012Z" });
const base: InvalidationReceipt = { instances: 3, acknowledged: [ack("a"), ack("b"), ack("c")], silent: [], elapsedMs: 41.6, completedAt: "2026-12-01T10:00:00.050Z" };

describe("revocation receipts in words", () => {
  it("says how many instances confirmed and how fast", () => {
    expect(describeReceipt(base)).toBe("confirmed by 3 of 3 API instances in 42 ms");
    expect(describeReceipt({ ...base, instances: 1, acknowledged: [ack("a")] })).toBe("confirmed by 1 of 1 API instance in 42 ms");
  });

  it("names instances that stopped trusting their cache instead of confirming", () => {
    const silent = { id: "c", host: "api-3", stoppedTrustingAt: "2026-12-01T10:00:02.000Z", reason: "lease_expired" as const };
    expect(describeReceipt({ ...base, acknowledged: [ack("a"), ack("b")], silent: [silent] })).toBe(
      "confirmed by 2 of 3 API instances in 42 ms; 1 instance stopped trusting its cache instead",
    );
  });

  it("says so when no instance was running", () => {
    expect(describeReceipt({ ...base, instances: 0, acknowledged: [] })).toMatch(/no API instance was running/);
  });

  it("states the longest the change could have waited, when the receipt recorded it", () => {
    expect(describeWorstCase({ ...base, worstCaseMs: 32_500 })).toBe(
      "It could have waited at most 32.5 s, if an instance had gone silent (its lease and outage grace).",
    );
    expect(describeWorstCase(base)).toBeNull();
    expect(describeWorstCase({ ...base, instances: 0, acknowledged: [], worstCaseMs: 0 })).toBeNull();
  });

  it("reads a receipt back from activity metadata, and nothing else", () => {
    expect(receiptFromMetadata({ name: "x", receipt: base })).toEqual(base);
    expect(receiptFromMetadata({ name: "x" })).toBeNull();
    expect(receiptFromMetadata(null)).toBeNull();
    expect(receiptFromMetadata({ receipt: { instances: "3" } })).toBeNull();
  });
});
