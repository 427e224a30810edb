"use client";

import { REFUSED_LABEL, REFUSED_SERIES, type ChartSeries } from "@/lib/usage/chart-model";
import { formatCount } from "@/components/usage/format";

/**
 * The legend is a row of toggle buttons: each shows or hides its series in
 * the chart, and states the series' total for the range, so "Other keys"
 * says how much it holds.
 */
export function SeriesLegend({ series, refused, hidden, onToggle }: { series: ChartSeries[]; refused: number; hidden: Set<string>; onToggle: (id: string) => void }) {
  const items = [
    ...series.map((s) => ({ id: s.id, label: s.label, total: `${formatCount(s.total)} units`, swatch: <span className="size-3 shrink-0 rounded-sm" style={{ background: s.color }} /> })),
    {
      id: REFUSED_SERIES,
      label: `${REFUSED_LABEL}, right axis`,
      total: formatCount(refused),
      swatch: <span className="h-0.5 w-4 shrink-0 border-t-2 border-dashed border-red-600" />,
    },
  ];
  return (
    <ul aria-label="Chart series" className="mt-3 flex flex-wrap gap-2">
      {items.map((item) => (
        <li key={item.id} className="min-w-0 max-w-full">
          <button
            type="button"
            aria-pressed={!hidden.has(item.id)}
            onClick={() => onToggle(item.id)}
            className={`inline-flex max-w-full items-center gap-2 rounded-md px-2 py-1 text-left text-xs ring-1 ring-zinc-200 dark:ring-zinc-700 ${hidden.has(item.id) ? "opacity-50 line-through" : ""}`}
          >
            {item.swatch}
            <span className="min-w-0 wrap-anywhere">{item.label}</span>{" "}
            <span className="shrink-0 font-medium tabular-nums text-zinc-700 dark:text-zinc-300">{item.total}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
