import type { QuotaStatus } from "./quota";
import type { UsageSummary } from "./summary";

// What the usage overview says, decided once: the dashboard's React component
// (components/usage/usage-overview.tsx) and the embed widget's script-free
// HTML (lib/embed/widget-html.ts) only lay it out, so the two cannot drift
// apart on a threshold, a sentence or a figure.

export type QuotaTone = "ok" | "warn" | "over";

/** Amber from 80 %, red at 100 %: the thresholds people act on. */
export function quotaTone(percent: number): QuotaTone {
  if (percent >= 100) return "over";
  if (percent >= 80) return "warn";
  return "ok";
}

const WARNINGS: Record<QuotaTone, string> = {
  over: "Quota reached: requests are refused with 429 until the period resets.",
  warn: "Over 80% of the quota is used.",
  ok: "",
};

/** `locale` undefined means the runtime's own (the browser's, in the dashboard). */
export type Formatting = { locale: string | undefined; timeZone: string };

export type QuotaBarModel = {
  tone: QuotaTone;
  used: string;
  limit: string;
  percent: string;
  /** Of the bar's length, 0–100. */
  width: number;
  valueMax: number;
  valueNow: number;
  valueText: string;
};

export function quotaBarModel(quota: QuotaStatus, locale: string | undefined): QuotaBarModel {
  const count = countFormat(locale);
  const used = count.format(quota.used);
  const limit = count.format(quota.limit);
  return {
    tone: quotaTone(quota.percent),
    used,
    limit,
    percent: `${quota.percent}%`,
    width: Math.min(100, Math.max(0, quota.percent)),
    valueMax: quota.limit,
    valueNow: Math.min(quota.used, quota.limit),
    valueText: `${used} of ${limit} units (${quota.percent}%)`,
  };
}

export type OverviewStat = { label: string; value: string; detail?: string };

export type UsageOverviewModel = {
  heading: string;
  barLabel: string;
  bar: QuotaBarModel;
  /** The sentence before "Resets …"; empty while the quota is comfortable. */
  warning: string;
  resets: { dateTime: string; text: string };
  stats: OverviewStat[];
  /** When "today" began, and in which time zone. */
  todayBegan: { text: string; timeZone: string };
};

export function usageOverviewModel(summary: UsageSummary, { locale, timeZone }: Formatting): UsageOverviewModel {
  const count = countFormat(locale);
  const when = (iso: string) => new Date(iso).toLocaleString(locale, { dateStyle: "medium", timeStyle: "short", timeZone });
  const { quota, today } = summary;
  const bar = quotaBarModel(quota, locale);
  return {
    heading: "Units used this period",
    barLabel: "Quota used this period",
    bar,
    warning: WARNINGS[bar.tone],
    resets: { dateTime: quota.periodEnd, text: when(quota.periodEnd) },
    stats: [
      { label: "Requests today", value: count.format(today.requests), detail: `${count.format(today.units)} units` },
      { label: "Active keys", value: count.format(summary.activeKeys) },
      {
        label: "Refused today",
        value: count.format(today.refusedUnauthorized + today.refusedLimited),
        detail: `${count.format(today.refusedUnauthorized)} × 401 · ${count.format(today.refusedLimited)} × 429`,
      },
    ],
    todayBegan: { text: when(today.start), timeZone },
  };
}

function countFormat(locale: string | undefined): Intl.NumberFormat {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
}

export type QuotaBannerModel = { tone: Exclude<QuotaTone, "ok">; title: string; text: string };

/**
 * The Overview's banner from 80 % of the period's quota: the bar's own
 * figures (quotaBarModel), so the banner and the bar cannot disagree.
 * Null while the quota is comfortable.
 */
export function quotaBannerModel(projectName: string, quota: QuotaStatus, locale: string | undefined): QuotaBannerModel | null {
  const bar = quotaBarModel(quota, locale);
  if (bar.tone === "ok") return null;
  const used = `${projectName} has used ${bar.percent} of this month's ${bar.limit} units`;
  return bar.tone === "over"
    ? { tone: "over", title: "Quota reached", text: `${used}: requests are being refused with 429 quota_exceeded until the period resets.` }
    : { tone: "warn", title: "Quota almost used", text: `${used}; requests are refused at 100%.` };
}
