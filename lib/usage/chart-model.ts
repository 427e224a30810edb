import type { UsageSeries } from "./series";

/** Okabe–Ito: distinguishable with the common colour-vision deficiencies, in light and dark mode. */
export const SERIES_COLORS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#882255"];
export const OTHER_COLOR = "#9CA3AF";
export const MAX_SERIES = SERIES_COLORS.length;

export type ChartSeries = { id: string; label: string; color: string; keyIds: string[] };
export type ChartRow = { start: string; label: string; values: Record<string, number>; total: number; refused: number };
export type ChartModel = { series: ChartSeries[]; rows: ChartRow[] };

/** Hours are labelled in the reader's zone; days are UTC days, labelled by their UTC date. */
export function bucketLabel(startIso: string, bucket: "hour" | "day", timeZone: string): string {
  const date = new Date(startIso);
  return bucket === "hour"
    ? date.toLocaleString("en-GB", { timeZone, weekday: "short", hour: "2-digit", minute: "2-digit", hour12: false })
    : startIso.slice(0, 10); // YYYY-MM-DD (UTC)
}

/**
 * The chart's, the table's and the CSV's one model: the biggest keys get a
 * series each, the rest are summed as "Other keys" so the chart stays legible.
 */
export function chartModel(series: UsageSeries): ChartModel {
  const top = series.keys.slice(0, MAX_SERIES);
  const rest = series.keys.slice(MAX_SERIES);
  const chartSeries: ChartSeries[] = top.map((key, i) => ({
    id: key.keyId,
    label: `${key.name} (${key.hint})${key.revoked ? " — revoked" : ""}`,
    color: SERIES_COLORS[i]!,
    keyIds: [key.keyId],
  }));
  if (rest.length) {
    chartSeries.push({ id: "other", label: `Other keys (${rest.length})`, color: OTHER_COLOR, keyIds: rest.map((k) => k.keyId) });
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

function csvCell(value: string | number): string {
  const text = String(value);
  // Quote what needs it, and defuse spreadsheet formulas in key names.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The table under the chart, as CSV: one row per bucket, one column per series. */
export function chartCsv(model: ChartModel, series: UsageSeries): string {
  const header = [`bucket_start_utc`, series.bucket === "hour" ? `hour (${series.timeZone})` : "day (UTC)", ...model.series.map((s) => s.label), "total_units", "refused_requests"];
  const lines = model.rows.map((row) => [row.start, row.label, ...model.series.map((s) => row.values[s.id] ?? 0), row.total, row.refused]);
  return [header, ...lines].map((line) => line.map(csvCell).join(",")).join("\r\n") + "\r\n";
}
