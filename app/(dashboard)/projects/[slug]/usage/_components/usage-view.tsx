"use client";

import { useMemo, useState } from "react";
import { usePathname, useRouter } from "next/navigation";
import type { UsageSeries } from "@/lib/usage/series";
import { chartModel } from "@/lib/usage/chart-model";
import { usageParamsQuery, type UsageParams } from "@/lib/usage/usage-params";
import { aboutTimes, emptyChartText, rangeLine } from "@/lib/usage/range-description";
import { useGetUsageSeries } from "@/lib/client/use-get-usage";
import { useExportUsage } from "@/lib/client/use-export-usage";
import { useTimeZone } from "@/lib/client/use-time-zone";
import { formatCount } from "@/components/usage/format";
import { KeyCreditsPanel } from "@/components/keys/key-credits";
import { EmptyChart } from "./empty-chart";
import { UsageChart } from "./usage-chart";
import { SeriesLegend } from "./series-legend";
import { UsageControls } from "./usage-controls";
import { UsageTable } from "./usage-table";
import { KeyUsageTable } from "./key-usage-table";

export function UsageView({ projectId, initial, initialParams }: { projectId: string; initial: UsageSeries; initialParams: UsageParams }) {
  const timeZone = useTimeZone(initial.timeZone);
  const router = useRouter();
  const pathname = usePathname();
  // The URL holds what the page shows, so a reload or a shared link opens the same view.
  const [params, setParams] = useState(initialParams);
  const [hidden, setHidden] = useState<Set<string>>(new Set());
  const query = useGetUsageSeries(projectId, params.range, params.keyId, timeZone, initial);
  const { exportCsv, pending: exporting } = useExportUsage(projectId);
  const series = query.data ?? initial;
  const model = useMemo(() => chartModel(series, params.top), [series, params.top]);
  const peak = model.rows.reduce((best, row) => (row.total > best.total ? row : best), model.rows[0]!);
  const description = `Stacked bars of units per ${series.bucket} by key on the left axis, and a line of refused requests on the right axis. ${formatCount(series.totals.units)} units and ${formatCount(series.totals.refused)} refused requests in total${peak && peak.total > 0 ? `; the busiest ${series.bucket} was ${peak.label} with ${formatCount(peak.total)} units` : ""}. The same figures are in the table below.`;

  function change(next: Partial<UsageParams>) {
    const updated = { ...params, ...next };
    setParams(updated);
    router.replace(`${pathname}${usageParamsQuery(updated)}`, { scroll: false });
  }

  function toggle(id: string) {
    setHidden((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }

  return (
    <div className="space-y-6">
      <UsageControls
        params={params}
        keyOptions={series.keyOptions}
        onChange={change}
        exporting={exporting}
        onExport={() => exportCsv({ range: params.range, timeZone, keyId: params.keyId })}
      />

      <section aria-labelledby="usage-chart-heading" className="rounded-xl bg-white p-5 ring-1 ring-zinc-200 dark:bg-zinc-900 dark:ring-zinc-800">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="usage-chart-heading" className="text-base font-semibold">
            Units by key
          </h2>
          <p className="text-sm text-zinc-600 dark:text-zinc-400" aria-live="polite">
            {query.isFetching ? "Updating…" : `${formatCount(series.totals.units)} units · ${formatCount(series.totals.requests)} requests · ${formatCount(series.totals.refused)} refused`}
          </p>
        </div>
        <div className="mt-1 flex flex-wrap items-baseline gap-x-3 text-xs text-zinc-500 dark:text-zinc-400">
          <p>{rangeLine(series)}</p>
          <details className="group">
            <summary className="cursor-pointer text-indigo-700 hover:underline dark:text-indigo-400">About times</summary>
            <p className="mt-1 max-w-prose" suppressHydrationWarning>
              {aboutTimes(series, undefined)}
            </p>
          </details>
        </div>
        {/* Filtered to one key with credits: what is left of them, the same figures as its row and its page. */}
        {series.credits && series.keyId === params.keyId && (
          <div className="mt-3 flex">
            <KeyCreditsPanel balance={series.credits} />
          </div>
        )}
        {query.isError && (
          <p role="alert" className="mt-2 text-sm text-red-600">
            Could not refresh usage; showing the last figures.
          </p>
        )}
        {series.totals.units === 0 && series.totals.refused === 0 ? (
          <EmptyChart {...emptyChartText(series)} />
        ) : (
          <>
            <UsageChart model={model} hidden={hidden} description={description} />
            <SeriesLegend series={model.series} refused={series.totals.refused} hidden={hidden} onToggle={toggle} />
          </>
        )}
      </section>

      <UsageTable model={model} bucket={series.bucket} timeZone={series.timeZone} />
      <KeyUsageTable series={series} model={model} />
    </div>
  );
}
