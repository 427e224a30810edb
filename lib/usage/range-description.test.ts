import { describe, expect, it } from "vitest";
import type { UsageSeries } from "./series";
import { aboutTimes, emptyChartText, rangeLine } from "./range-description";

const series = (range: UsageSeries["range"], bucket: UsageSeries["bucket"]): UsageSeries => ({
  range,
  keyId: null,
  keyOptions: [],
  bucket,
  timeZone: "Asia/Kolkata",
  from: "2026-03-04T00:00:00.000Z",
  to: "2026-03-11T00:00:00.000Z",
  buckets: [],
  keys: [],
  totals: { units: 0, requests: 0, refused: 0 },
  credits: null,
});

describe("range description", () => {
  it("says the range and its clock in one short line", () => {
    expect(rangeLine(series("7d", "day"))).toBe("Last 7 days, by UTC day");
    expect(rangeLine(series("24h", "hour"))).toBe("Last 24 hours, by hour (Asia/Kolkata)");
  });

  it("keeps the full account of the clock for About times", () => {
    const text = aboutTimes(series("7d", "day"), "en-GB");
    expect(text).toContain("Each bar is one UTC day, 00:00 to 24:00 UTC (from 05:30 to 05:30 in Asia/Kolkata)");
    expect(text).toContain("(end exclusive), Asia/Kolkata.");
  });

  it("says what an empty chart will show, and why it is empty", () => {
    const empty = emptyChartText(series("30d", "day"));
    expect(empty.title).toBe("No calls in the last 30 days");
    expect(empty.body).toContain("stacked by key");
  });
});
