"use client";

import { useMemo, useState } from "react";
import type { UsageRange, UsageSeries } from "@/lib/usage/series";
import { chartCsv, chartModel } from "@/lib/usage/chart-model";
import { aboutTimes, emptyChartText, rangeLine } from "@/lib/usage/range-description";
import { useGetUsageSeries } from "@/lib/client/use-get-usage";
import { useTimeZone } from "@/lib/client/use-time-zone";
import { Button } from "@/components/ui/button";
import { formatCount } from "@/components/usage/format";
import { EmptyChart } from "./empty-chart";
import { UsageChart } from "./usage-chart";
import { SeriesLegend } from "./series-legend";
import { UsageTable } from "./usage-table";
import { KeyUsageTable } from "./key-usage-table";

const RANGES: Array<{ value: UsageRange; label: string }> = [
  { value: "24h", label: "24 hours" },
  { value: "7d", label: "7 days" },
  { value: "30d", label: "30 days" },
  { value: "90d", label: "90 days" },
];

function download(filename: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  link.click();
  URL.revokeObjectURL(url);
}

export function UsageView({ projectId, projectSlug, initial }: { projectId: string; projectSlug: string; initial: UsageSeries }) {
  const timeZone = useTimeZone(initial.timeZone);
  const [range, setRange] = useState<UsageRange>(initial.range);
  const [hidden, setHidden] = useState<Set<string>>(new Set());
  const query = useGetUsageSeries(projectId, range, timeZone, initial);
  const series = query.data ?? initial;
  const model = useMemo(() => chartModel(series), [series]);
  const peak = model.rows.reduce((best, row) => (row.total > best.total ? row : best), model.rows[0]!);
  const description = `Stacked bars of units per ${series.bucket} by key, and a line of refused requests. ${formatCount(series.totals.units)} units and ${formatCount(series.totals.refused)} refused requests in total${peak && peak.total > 0 ? `; the busiest ${series.bucket} was ${peak.label} with ${formatCount(peak.total)} units` : ""}. The same figures are in the table below.`;

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
      <div className="flex flex-wrap items-center justify-between gap-4">
        <div role="group" aria-label="Time range" className="inline-flex rounded-lg bg-zinc-100 p-1 dark:bg-zinc-800">
          {RANGES.map((option) => (
            <button
              key={option.value}
              type="button"
              aria-pressed={range === option.value}
              onClick={() => setRange(option.value)}
              className={`rounded-md px-3 py-1.5 text-sm font-medium ${
                range === option.value ? "bg-white shadow-xs dark:bg-zinc-950" : "text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100"
              }`}
            >
              {option.label}
            </button>
          ))}
        </div>
        <Button variant="secondary" onClick={() => download(`keydeck-usage-${projectSlug}-${series.range}.csv`, chartCsv(model, series))}>
          Export CSV
        </Button>
      </div>

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
            <SeriesLegend series={model.series} hidden={hidden} onToggle={toggle} />
          </>
        )}
      </section>

      <UsageTable model={model} bucket={series.bucket} timeZone={series.timeZone} />
      <KeyUsageTable series={series} />
    </div>
  );
}
