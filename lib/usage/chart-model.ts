import type { UsageSeries } from "./series";
import type { TopN } from "./usage-params";

/**
 * Okabe–Ito first (distinguishable with the common colour-vision
 * deficiencies, in light and dark mode), then Paul Tol's muted and light
 * schemes for a top 10 or 20; past eight keys the tooltip and the table,
 * not the colours alone, tell the series apart.
 */
export const SERIES_COLORS = [
  "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#882255",
  "#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677", "#AA4499",
  "#77AADD", "#EE8866", "#BBCC33", "#FFAABB",
];
export const OTHER_COLOR = "#9CA3AF";
export const OTHER_SERIES = "other";
/** Refused requests (401 and 429) are a line on an axis of their own, not a units series. */
export const REFUSED_SERIES = "refused";
export const REFUSED_LABEL = "Refused requests (401/429)";
export const REFUSED_COLOR = "#DC2626";

export type ChartSeries = { id: string; label: string; color: string; keyIds: string[]; /** Units in the whole range. */ total: number };
export type ChartRow = { start: string; label: string; values: Record<string, number>; total: number; refused: number };
export type ChartModel = { series: ChartSeries[]; rows: ChartRow[] };

/** Hours are labelled in the reader's zone; days are UTC days, labelled by their UTC date. */
export function bucketLabel(startIso: string, bucket: "hour" | "day", timeZone: string): string {
  const date = new Date(startIso);
  return bucket === "hour"
    ? date.toLocaleString("en-GB", { timeZone, weekday: "short", hour: "2-digit", minute: "2-digit", hour12: false })
    : startIso.slice(0, 10); // YYYY-MM-DD (UTC)
}

export const keyLabel = (key: { name: string; hint: string; revoked: boolean }) => `${key.name} (${key.hint})${key.revoked ? " — revoked" : ""}`;

/**
 * The chart's and the table's one model: the `top` biggest keys of the range
 * get a series each, the rest are summed as one "Other keys (N)" series so
 * the chart stays legible; its total is stated like every other series'.
 */
export function chartModel(series: UsageSeries, top: TopN): ChartModel {
  const own = series.keys.slice(0, top);
  const rest = series.keys.slice(top);
  const chartSeries: ChartSeries[] = own.map((key, i) => ({
    id: key.keyId,
    label: keyLabel(key),
    color: SERIES_COLORS[i % SERIES_COLORS.length]!,
    keyIds: [key.keyId],
    total: key.units,
  }));
  if (rest.length) {
    chartSeries.push({
      id: OTHER_SERIES,
      label: `Other keys (${rest.length})`,
      color: OTHER_COLOR,
      keyIds: rest.map((k) => k.keyId),
      total: rest.reduce((sum, k) => sum + k.units, 0),
    });
  }
  const rows = series.buckets.map((bucket) => {
    const values: Record<string, number> = {};
    for (const s of chartSeries) values[s.id] = s.keyIds.reduce((sum, id) => sum + (bucket.units[id] ?? 0), 0);
    return {
      start: bucket.start,
      label: bucketLabel(bucket.start, series.bucket, series.timeZone),
      values,
      total: Object.values(bucket.units).reduce((a, b) => a + b, 0),
      refused: bucket.refused,
    };
  });
  return { series: chartSeries, rows };
}

export type TooltipEntry = { id: string; label: string; color: string; value: number };

/**
 * What the chart's tooltip lists for one bucket: the shown series with units
 * in it, biggest first (ties in legend order), and their total, which is the
 * bar's height.
 */
export function tooltipEntries(model: ChartModel, row: ChartRow, hidden: ReadonlySet<string>): { entries: TooltipEntry[]; total: number } {
  const entries = model.series
    .filter((s) => !hidden.has(s.id) && (row.values[s.id] ?? 0) > 0)
    .map((s) => ({ id: s.id, label: s.label, color: s.color, value: row.values[s.id]! }))
    .sort((a, b) => b.value - a.value);
  return { entries, total: entries.reduce((sum, e) => sum + e.value, 0) };
}
