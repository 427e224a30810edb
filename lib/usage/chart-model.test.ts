import { describe, expect, it } from "vitest";
import type { UsageSeries } from "./series";
import { chartModel, OTHER_SERIES, tooltipEntries } from "./chart-model";

function series(keyCount: number): UsageSeries {
  const keys = Array.from({ length: keyCount }, (_, i) => ({
    keyId: `k${i}`,
    name: `key ${i}`,
    hint: `kd_live_k${i}…`,
    environment: "live",
    revoked: i === 1,
    units: 100 - i,
    requests: 100 - i,
    trend: [100 - i, 0],
  }));
  return {
    range: "7d",
    keyId: null,
    keyOptions: keys,
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
    credits: null,
  };
}

const sum = (n: number, from = 0) => Array.from({ length: n - from }, (_, i) => 100 - (from + i)).reduce((a, b) => a + b, 0);

describe("chartModel", () => {
  it.each([5, 10, 20] as const)("gives the top %i keys a series each and sums the rest as Other, with its total", (top) => {
    const model = chartModel(series(50), top);
    expect(model.series).toHaveLength(top + 1);
    expect(model.series.slice(0, top).map((s) => s.id)).toEqual(Array.from({ length: top }, (_, i) => `k${i}`));
    expect(model.series.at(-1)).toMatchObject({ id: OTHER_SERIES, label: `Other keys (${50 - top})`, total: sum(50, top) });
    expect(new Set(model.series.map((s) => s.color)).size).toBe(top + 1); // every series its own colour
    const first = model.rows[0]!;
    expect(first.values[OTHER_SERIES]).toBe(sum(50, top));
    // Nothing is lost: the series add up to the bucket's total.
    expect(Object.values(first.values).reduce((a, b) => a + b, 0)).toBe(first.total);
    expect(first.total).toBe(sum(50));
    expect(first.label).toBe("2026-03-09"); // the UTC date, whatever the reader's zone
    expect(model.series[1]!.label).toBe("key 1 (kd_live_k1…) — revoked");
  });

  it("has no Other series when every key has its own", () => {
    const model = chartModel(series(5), 5);
    expect(model.series.map((s) => s.id)).toEqual(["k0", "k1", "k2", "k3", "k4"]);
  });
});

describe("tooltipEntries", () => {
  it("lists the bucket's series biggest first, without hidden or empty ones, with their total", () => {
    const s = series(8);
    s.buckets[0]!.units = { k0: 5, k1: 40, k2: 0, k3: 7, k4: 7, k5: 3, k6: 2, k7: 9 };
    const model = chartModel(s, 5);
    const { entries, total } = tooltipEntries(model, model.rows[0]!, new Set(["k0"]));
    expect(entries.map((e) => [e.id, e.value])).toEqual([
      ["k1", 40],
      [OTHER_SERIES, 14], // k5 + k6 + k7
      ["k3", 7], // ties keep the legend's order
      ["k4", 7],
    ]);
    expect(total).toBe(68);
    expect(tooltipEntries(model, model.rows[1]!, new Set())).toEqual({ entries: [], total: 0 });
  });
});
