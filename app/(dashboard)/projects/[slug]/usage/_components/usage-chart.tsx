"use client";

import { Bar, CartesianGrid, ComposedChart, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { REFUSED_COLOR, REFUSED_LABEL, REFUSED_SERIES, type ChartModel } from "@/lib/usage/chart-model";
import { formatCompact } from "@/components/usage/format";
import { UsageTooltip } from "./usage-tooltip";

const TICK = { fill: "currentColor", fontSize: 12 };
const AXIS_LABEL = { fill: "currentColor", fontSize: 12, textAnchor: "middle" } as const;

/**
 * Units stacked by series per bucket on the left axis; refused requests, a
 * count of a different kind and usually far smaller, as a line on an axis of
 * their own on the right (on the units axis it would lie flat). Hidden series
 * are left out.
 */
export function UsageChart({ model, hidden, description }: { model: ChartModel; hidden: Set<string>; description: string }) {
  const data = model.rows.map((row) => ({ label: row.label, refused: row.refused, ...row.values }));
  const showRefused = !hidden.has(REFUSED_SERIES);
  return (
    <figure aria-label="Usage chart" className="m-0">
      <div className="h-80 w-full text-zinc-500 dark:text-zinc-400" aria-hidden>
        <ResponsiveContainer width="100%" height="100%">
          {/* No accessibility layer: the chart is hidden from assistive technology (the caption and the table say it), so it takes no focus. */}
          <ComposedChart accessibilityLayer={false} data={data} margin={{ top: 8, right: 4, bottom: 0, left: 4 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="currentColor" strokeOpacity={0.2} vertical={false} />
            <XAxis dataKey="label" tick={TICK} stroke="currentColor" strokeOpacity={0.4} minTickGap={16} />
            <YAxis
              yAxisId="units"
              tick={TICK}
              stroke="currentColor"
              strokeOpacity={0.4}
              tickFormatter={formatCompact}
              allowDecimals={false}
              width={56}
              label={{ ...AXIS_LABEL, value: "Units", angle: -90, position: "insideLeft" }}
            />
            {showRefused && (
              <YAxis
                yAxisId={REFUSED_SERIES}
                orientation="right"
                tick={{ ...TICK, fill: REFUSED_COLOR }}
                stroke={REFUSED_COLOR}
                strokeOpacity={0.6}
                tickFormatter={formatCompact}
                allowDecimals={false}
                width={56}
                label={{ ...AXIS_LABEL, fill: REFUSED_COLOR, value: "Refused requests", angle: 90, position: "insideRight" }}
              />
            )}
            <Tooltip content={(props) => <UsageTooltip model={model} hidden={hidden} activeIndex={props.active ? props.activeIndex : undefined} />} cursor={{ fill: "currentColor", fillOpacity: 0.08 }} />
            {model.series
              .filter((s) => !hidden.has(s.id))
              .map((s) => (
                <Bar key={s.id} yAxisId="units" dataKey={s.id} name={s.label} stackId="units" fill={s.color} isAnimationActive={false} />
              ))}
            {showRefused && (
              <Line
                yAxisId={REFUSED_SERIES}
                dataKey="refused"
                name={REFUSED_LABEL}
                type="monotone"
                stroke={REFUSED_COLOR}
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
