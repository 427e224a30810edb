import { describe, expect, it } from "vitest";
import type { UsageSeries } from "./series";
import { chartCsv, chartModel, MAX_SERIES } from "./chart-model";

function series(keyCount: number): UsageSeries {
  const keys = Array.from({ length: keyCount }, (_, i) => ({
    keyId: `k${i}`,
    name: i === 0 ? '=cmd,"x"' : `key ${i}`,
    hint: `kd_live_k${i}…`,
    environment: "live",
    revoked: i === 1,
    units: 100 - i,
    requests: 100 - i,
    trend: [100 - i, 0],
  }));
  return {
    range: "7d",
    timeZone: "Europe/Berlin",
    bucket: "day",
    from: "2026-03-09T00:00:00.000Z",
    to: "2026-03-11T00:00:00.000Z",
    buckets: [
      { start: "2026-03-09T00:00:00.000Z", units: Object.fromEntries(keys.map((k) => [k.keyId, k.units])), requests: 1, refused: 2 },
      { start: "2026-03-10T00:00:00.000Z", units: {}, requests: 0, refused: 0 },
    ],
    keys,
    totals: { units: 0, requests: 0, refused: 2 },
  };
}

describe("chartModel", () => {
  it("gives the biggest keys a series each and sums the rest as Other", () => {
    const model = chartModel(series(12));
    expect(model.series).toHaveLength(MAX_SERIES + 1);
    expect(model.series.at(-1)).toMatchObject({ id: "other", label: "Other keys (4)" });
    const first = model.rows[0]!;
    expect(first.values.other).toBe(92 + 91 + 90 + 89);
    expect(first.total).toBe(Array.from({ length: 12 }, (_, i) => 100 - i).reduce((a, b) => a + b, 0));
    expect(first.label).toBe("2026-03-09"); // the UTC date, whatever the reader's zone
    expect(model.series[1]!.label).toContain("revoked");
  });

  it("writes the table as CSV, escaping names and defusing formulas", () => {
    const s = series(2);
    const csv = chartCsv(chartModel(s), s);
    const lines = csv.trimEnd().split("\r\n");
    expect(lines[0]).toBe(`bucket_start_utc,day (UTC),"'=cmd,""x"" (kd_live_k0…)",key 1 (kd_live_k1…) — revoked,total_units,refused_requests`);
    expect(lines[1]).toBe("2026-03-09T00:00:00.000Z,2026-03-09,100,99,199,2");
    expect(lines[2]).toBe("2026-03-10T00:00:00.000Z,2026-03-10,0,0,0,0");
  });
});
