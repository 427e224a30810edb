"use client";

import type { ChartSeries } from "@/lib/usage/chart-model";
import { REFUSED_SERIES } from "./usage-chart";

/** The legend is a row of toggle buttons: each shows or hides its series in the chart. */
export function SeriesLegend({ series, hidden, onToggle }: { series: ChartSeries[]; hidden: Set<string>; onToggle: (id: string) => void }) {
  const items = [...series.map((s) => ({ id: s.id, label: s.label, swatch: <span className="size-3 rounded-sm" style={{ background: s.color }} /> })), {
    id: REFUSED_SERIES,
    label: "Refused requests (401/429)",
    swatch: <span className="h-0.5 w-4 border-t-2 border-dashed border-red-600" />,
  }];
  return (
    <ul aria-label="Chart series" className="mt-3 flex flex-wrap gap-2">
      {items.map((item) => (
        <li key={item.id}>
          <button
            type="button"
            aria-pressed={!hidden.has(item.id)}
            onClick={() => onToggle(item.id)}
            className={`inline-flex items-center gap-2 rounded-md px-2 py-1 text-xs ring-1 ring-zinc-200 dark:ring-zinc-700 ${hidden.has(item.id) ? "opacity-50 line-through" : ""}`}
          >
            {item.swatch}
            {item.label}
          </button>
        </li>
      ))}
    </ul>
  );
}
