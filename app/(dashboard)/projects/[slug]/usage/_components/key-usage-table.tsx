import type { UsageSeries } from "@/lib/usage/series";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@/components/ui/table";
import { formatCount } from "@/components/usage/format";
import { TrendLine } from "./trend-line";

export function KeyUsageTable({ series }: { series: UsageSeries }) {
  return (
    <section aria-labelledby="key-usage-heading" className="rounded-xl bg-white ring-1 ring-zinc-200 dark:bg-zinc-900 dark:ring-zinc-800">
      <h2 id="key-usage-heading" className="px-5 pt-4 text-base font-semibold">
        Usage by key
      </h2>
      {series.keys.length === 0 ? (
        <p className="px-5 pb-5 pt-2 text-sm text-zinc-600 dark:text-zinc-400">No key was used in this range.</p>
      ) : (
        <Table caption="Units and requests per key" density="compact" numeric className="mt-2">
          <TableHead>
            <TableRow>
              <TableHeaderCell>Key</TableHeaderCell>
              <TableHeaderCell align="right">Units</TableHeaderCell>
              <TableHeaderCell align="right">Requests</TableHeaderCell>
              <TableHeaderCell align="right">Share</TableHeaderCell>
              <TableHeaderCell>Trend</TableHeaderCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {series.keys.map((key) => (
              <TableRow key={key.keyId}>
                <TableHeaderCell scope="row">
                  <div className="font-medium">{key.name}</div>
                  <div className="flex items-center gap-2 text-xs">
                    <span className="font-mono">{key.hint}</span>
                    <Badge tone={key.environment === "live" ? "indigo" : "sky"}>{key.environment}</Badge>
                    {key.revoked && <Badge tone="red">revoked</Badge>}
                  </div>
                </TableHeaderCell>
                <TableCell align="right">{formatCount(key.units)}</TableCell>
                <TableCell align="right">{formatCount(key.requests)}</TableCell>
                <TableCell align="right">
                  {series.totals.units ? `${((key.units / series.totals.units) * 100).toFixed(1)}%` : "—"}
                </TableCell>
                <TableCell>
                  <TrendLine values={key.trend} label={`Units per ${series.bucket} for ${key.name}, peak ${formatCount(Math.max(...key.trend))}`} />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </section>
  );
}
