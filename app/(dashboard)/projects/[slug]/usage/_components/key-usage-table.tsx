import type { UsageSeries } from "@/lib/usage/series";
import { OTHER_SERIES, type ChartModel } from "@/lib/usage/chart-model";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@/components/ui/table";
import { formatCount } from "@/components/usage/format";
import { TrendLine } from "./trend-line";

/** Every key used in the range with its own figures, those the chart sums as "Other keys" included: nothing is hidden. */
export function KeyUsageTable({ series, model }: { series: UsageSeries; model: ChartModel }) {
  const seriesOf = new Map(model.series.flatMap((s) => s.keyIds.map((id) => [id, s] as const)));
  const inOther = model.series.find((s) => s.id === OTHER_SERIES)?.keyIds.length ?? 0;
  return (
    <section aria-labelledby="key-usage-heading" className="rounded-xl bg-white ring-1 ring-zinc-200 dark:bg-zinc-900 dark:ring-zinc-800">
      <div className="px-5 pt-4">
        <h2 id="key-usage-heading" className="text-base font-semibold">
          Usage by key
        </h2>
        {series.keys.length > 0 && (
          <p className="mt-0.5 text-sm text-zinc-600 dark:text-zinc-400">
            {series.keys.length === 1 ? "1 key" : `All ${series.keys.length} keys`} used in this range
            {inOther > 0 && `, including the ${inOther} the chart sums as “Other keys”`}.
          </p>
        )}
      </div>
      {series.keys.length === 0 ? (
        <p className="px-5 pb-5 pt-2 text-sm text-zinc-600 dark:text-zinc-400">No key was used in this range.</p>
      ) : (
        <Table caption="Units and requests per key" density="compact" numeric className="mt-2 max-h-[32rem]">
          <TableHead sticky>
            <TableRow>
              <TableHeaderCell>Key</TableHeaderCell>
              <TableHeaderCell align="right">Units</TableHeaderCell>
              <TableHeaderCell align="right">Requests</TableHeaderCell>
              <TableHeaderCell align="right">Share</TableHeaderCell>
              <TableHeaderCell>In chart</TableHeaderCell>
              <TableHeaderCell>Trend</TableHeaderCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {series.keys.map((key) => {
              const chartSeries = seriesOf.get(key.keyId);
              return (
                <TableRow key={key.keyId}>
                  <TableHeaderCell scope="row">
                    <div className="font-medium">{key.name}</div>
                    <div className="flex items-center gap-2 text-xs">
                      <span className="whitespace-nowrap font-mono">{key.hint}</span>
                      <Badge tone={key.environment === "live" ? "indigo" : "sky"}>{key.environment}</Badge>
                      {key.revoked && <Badge tone="red">revoked</Badge>}
                    </div>
                  </TableHeaderCell>
                  <TableCell align="right">{formatCount(key.units)}</TableCell>
                  <TableCell align="right">{formatCount(key.requests)}</TableCell>
                  <TableCell align="right">
                    {series.totals.units ? `${((key.units / series.totals.units) * 100).toFixed(1)}%` : "—"}
                  </TableCell>
                  <TableCell className="whitespace-nowrap">
                    {chartSeries && (
                      <span className="inline-flex items-center gap-2 text-xs">
                        <span aria-hidden className="size-3 rounded-sm" style={{ background: chartSeries.color }} />
                        {chartSeries.id === OTHER_SERIES ? "Other keys" : "Own series"}
                      </span>
                    )}
                  </TableCell>
                  <TableCell>
                    <TrendLine values={key.trend} label={`Units per ${series.bucket} for ${key.name}, peak ${formatCount(Math.max(...key.trend))}`} />
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      )}
    </section>
  );
}
