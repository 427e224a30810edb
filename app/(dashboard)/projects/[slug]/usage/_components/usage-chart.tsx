"use client";

import { Bar, CartesianGrid, ComposedChart, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { ChartModel } from "@/lib/usage/chart-model";
import { formatCompact, formatCount } from "@/components/usage/format";

export const REFUSED_SERIES = "refused";

/** Units stacked by key per bucket, with refused requests as a line. Hidden series are left out. */
export function UsageChart({ model, hidden, description }: { model: ChartModel; hidden: Set<string>; description: string }) {
  const data = model.rows.map((row) => ({ label: row.label, refused: row.refused, ...row.values }));
  return (
    <figure aria-label="Usage chart" className="m-0">
      <div className="h-80 w-full text-zinc-500 dark:text-zinc-400" aria-hidden>
        <ResponsiveContainer width="100%" height="100%">
          {/* No accessibility layer: the chart is hidden from assistive technology (the caption and the table say it), so it takes no focus. */}
          <ComposedChart accessibilityLayer={false} data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="currentColor" strokeOpacity={0.2} vertical={false} />
            <XAxis dataKey="label" tick={{ fill: "currentColor", fontSize: 12 }} stroke="currentColor" strokeOpacity={0.4} minTickGap={16} />
            <YAxis tick={{ fill: "currentColor", fontSize: 12 }} stroke="currentColor" strokeOpacity={0.4} tickFormatter={formatCompact} allowDecimals={false} width={48} />
            <Tooltip
              formatter={(value, name) => [formatCount(Number(value)), String(name)]}
              contentStyle={{ background: "var(--color-zinc-900)", border: "none", borderRadius: 8, color: "#fafafa", fontSize: 12 }}
              itemStyle={{ color: "#fafafa" }}
              cursor={{ fill: "currentColor", fillOpacity: 0.08 }}
            />
            {model.series
              .filter((s) => !hidden.has(s.id))
              .map((s) => (
                <Bar key={s.id} dataKey={s.id} name={s.label} stackId="units" fill={s.color} isAnimationActive={false} />
              ))}
            {!hidden.has(REFUSED_SERIES) && (
              <Line
                dataKey="refused"
                name="Refused requests (401/429)"
                type="monotone"
                stroke="#DC2626"
                strokeWidth={2}
                strokeDasharray="5 3"
                dot={false}
                isAnimationActive={false}
              />
            )}
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="sr-only">{description}</figcaption>
    </figure>
  );
}
