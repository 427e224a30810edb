import type { UsageSeries } from "./series";

// What the Usage page says about the range it shows: one short line under the
// heading, the full account of its clock behind "About times", and what an
// empty chart will show once calls arrive.

const RANGE_NAMES: Record<UsageSeries["range"], string> = { "24h": "Last 24 hours", "7d": "Last 7 days", "30d": "Last 30 days", "90d": "Last 90 days" };

export function rangeLine(series: UsageSeries): string {
  return series.bucket === "hour"
    ? `${RANGE_NAMES[series.range]}, by hour (${series.timeZone})`
    : `${RANGE_NAMES[series.range]}, by UTC day`;
}

/** `locale` undefined means the runtime's own (the browser's, in the dashboard). */
export function aboutTimes(series: UsageSeries, locale: string | undefined): string {
  const when = (iso: string) => new Date(iso).toLocaleString(locale, { dateStyle: "medium", timeStyle: "short", timeZone: series.timeZone });
  const localMidnight = new Date(series.from).toLocaleTimeString(locale, { timeStyle: "short", timeZone: series.timeZone });
  const each =
    series.bucket === "hour"
      ? `Each bar is one hour, shown in ${series.timeZone}`
      : `Each bar is one UTC day, 00:00 to 24:00 UTC (from ${localMidnight} to ${localMidnight} in ${series.timeZone}), the clock the monthly quota also runs on`;
  return `${each}. Showing ${when(series.from)} to ${when(series.to)} (end exclusive), ${series.timeZone}.`;
}

export function emptyChartText(series: UsageSeries): { title: string; body: string } {
  return {
    title: `No calls in the ${RANGE_NAMES[series.range].toLowerCase()}`,
    body:
      "When your API verifies a key with Keydeck, the units each call costs appear here within seconds, as bars stacked by key, " +
      "with refused calls (401 and 429) as a line. Make a call with one of the project's keys to see it.",
  };
}
