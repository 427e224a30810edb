import type { UsageSeries } from "@/lib/usage/series";
import { Badge } from "@/components/ui/badge";
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
        <div className="mt-2 overflow-x-auto">
          <table className="min-w-full text-sm tabular-nums">
            <caption className="sr-only">Units and requests per key</caption>
            <thead className="text-left text-xs text-zinc-500 dark:text-zinc-400">
              <tr>
                <th scope="col" className="px-4 py-2 font-medium">Key</th>
                <th scope="col" className="px-4 py-2 text-right font-medium">Units</th>
                <th scope="col" className="px-4 py-2 text-right font-medium">Requests</th>
                <th scope="col" className="px-4 py-2 text-right font-medium">Share</th>
                <th scope="col" className="px-4 py-2 font-medium">Trend</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
              {series.keys.map((key) => (
                <tr key={key.keyId}>
                  <th scope="row" className="px-4 py-2 text-left font-normal">
                    <div className="font-medium">{key.name}</div>
                    <div className="flex items-center gap-2 text-xs">
                      <span className="font-mono">{key.hint}</span>
                      <Badge tone={key.environment === "live" ? "indigo" : "sky"}>{key.environment}</Badge>
                      {key.revoked && <Badge tone="red">revoked</Badge>}
                    </div>
                  </th>
                  <td className="px-4 py-2 text-right">{formatCount(key.units)}</td>
                  <td className="px-4 py-2 text-right">{formatCount(key.requests)}</td>
                  <td className="px-4 py-2 text-right">
                    {series.totals.units ? `${((key.units / series.totals.units) * 100).toFixed(1)}%` : "—"}
                  </td>
                  <td className="px-4 py-2">
                    <TrendLine values={key.trend} label={`Units per ${series.bucket} for ${key.name}, peak ${formatCount(Math.max(...key.trend))}`} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
