"use client";

import type { UsageSummary } from "@/lib/usage/summary";
import { usageOverviewModel, type OverviewStat } from "@/lib/usage/overview-model";
import { QuotaBarView } from "./quota-bar";

function Stat({ label, value, detail }: OverviewStat) {
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
 * The figures people check first: quota, today's traffic, keys, refusals, on
 * the project Overview. What it says comes from lib/usage/overview-model.ts,
 * which the embed widget's HTML (lib/embed/widget-html.ts) renders too.
 * Dates are formatted in the browser's locale, so the server's render may
 * differ in wording: hence suppressHydrationWarning.
 */
export function UsageOverview({ summary, timeZone }: { summary: UsageSummary; timeZone: string }) {
  const view = usageOverviewModel(summary, { locale: undefined, timeZone });
  return (
    <div className="space-y-4">
      <section aria-labelledby="quota-heading" className="rounded-xl bg-white p-5 ring-1 ring-zinc-200 dark:bg-zinc-900 dark:ring-zinc-800">
        <h2 id="quota-heading" className="text-sm text-zinc-500 dark:text-zinc-400">
          {view.heading}
        </h2>
        <QuotaBarView bar={view.bar} label={view.barLabel} />
        <p className="mt-2 text-xs text-zinc-500 dark:text-zinc-400">
          {view.warning && `${view.warning} `}
          Resets{" "}
          <time dateTime={view.resets.dateTime} suppressHydrationWarning>
            {view.resets.text}
          </time>
          .
        </p>
      </section>
      <div className="grid gap-4 sm:grid-cols-3">
        {view.stats.map((stat) => (
          <Stat key={stat.label} {...stat} />
        ))}
      </div>
      <p className="text-xs text-zinc-500 dark:text-zinc-400" suppressHydrationWarning>
        “Today” began {view.todayBegan.text} ({view.todayBegan.timeZone}).
      </p>
    </div>
  );
}
