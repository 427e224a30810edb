"use client";

import type { UsageSummary } from "@/lib/usage/summary";
import { QuotaBar, quotaTone } from "./quota-bar";
import { formatCount } from "./format";

function Stat({ label, value, detail }: { label: string; value: string; detail?: string }) {
  return (
    <div role="group" aria-label={label} className="rounded-xl bg-white p-5 ring-1 ring-zinc-200 dark:bg-zinc-900 dark:ring-zinc-800">
      <dl>
        <dt className="text-sm text-zinc-500 dark:text-zinc-400">{label}</dt>
        <dd className="mt-1 text-2xl font-semibold tabular-nums">{value}</dd>
        {detail && <dd className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">{detail}</dd>}
      </dl>
    </div>
  );
}

/**
 * The figures people check first: quota, today's traffic, keys, refusals.
 * Shared by the project Overview and the embeddable widget.
 */
export function UsageOverview({ summary, timeZone }: { summary: UsageSummary; timeZone: string }) {
  const { quota, today } = summary;
  const resets = new Date(quota.periodEnd);
  const tone = quotaTone(quota.percent);
  return (
    <div className="space-y-4">
      <section aria-labelledby="quota-heading" className="rounded-xl bg-white p-5 ring-1 ring-zinc-200 dark:bg-zinc-900 dark:ring-zinc-800">
        <h2 id="quota-heading" className="text-sm text-zinc-500 dark:text-zinc-400">
          Units used this period
        </h2>
        <QuotaBar quota={quota} />
        <p className="mt-2 text-xs text-zinc-500 dark:text-zinc-400">
          {tone === "over"
            ? "Quota reached: requests are refused with 429 until the period resets. "
            : tone === "warn"
              ? "Over 80% of the quota is used. "
              : ""}
          Resets{" "}
          <time dateTime={quota.periodEnd} suppressHydrationWarning>
            {resets.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short", timeZone })}
          </time>
          .
        </p>
      </section>
      <div className="grid gap-4 sm:grid-cols-3">
        <Stat label="Requests today" value={formatCount(today.requests)} detail={`${formatCount(today.units)} units`} />
        <Stat label="Active keys" value={formatCount(summary.activeKeys)} />
        <Stat
          label="Refused today"
          value={formatCount(today.refusedUnauthorized + today.refusedLimited)}
          detail={`${formatCount(today.refusedUnauthorized)} × 401 · ${formatCount(today.refusedLimited)} × 429`}
        />
      </div>
      <p className="text-xs text-zinc-500 dark:text-zinc-400" suppressHydrationWarning>
        “Today” began{" "}
        {new Date(today.start).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short", timeZone })} ({timeZone}).
      </p>
    </div>
  );
}
