import type { ChartModel } from "@/lib/usage/chart-model";
import { formatCount } from "@/components/usage/format";

/** The chart's figures as a table: the accessible alternative, and what the CSV exports. */
export function UsageTable({ model, bucket, timeZone }: { model: ChartModel; bucket: "hour" | "day"; timeZone: string }) {
  return (
    <section aria-labelledby="usage-table-heading" className="rounded-xl bg-white ring-1 ring-zinc-200 dark:bg-zinc-900 dark:ring-zinc-800">
      <h2 id="usage-table-heading" className="px-5 pt-4 text-base font-semibold">
        Usage by {bucket}
      </h2>
      <div className="mt-2 max-h-96 overflow-auto">
        <table className="min-w-full text-sm tabular-nums">
          <caption className="sr-only">
            Units per {bucket} and key, total units and refused requests; times in {timeZone}
          </caption>
          <thead className="sticky top-0 bg-white text-left text-xs text-zinc-500 dark:bg-zinc-900 dark:text-zinc-400">
            <tr>
              <th scope="col" className="px-4 py-2 font-medium">{bucket === "hour" ? "Hour" : "Day"}</th>
              {model.series.map((s) => (
                <th key={s.id} scope="col" className="px-4 py-2 text-right font-medium">
                  {s.label}
                </th>
              ))}
              <th scope="col" className="px-4 py-2 text-right font-medium">Total units</th>
              <th scope="col" className="px-4 py-2 text-right font-medium">Refused</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
            {model.rows.map((row) => (
              <tr key={row.start}>
                <th scope="row" className="whitespace-nowrap px-4 py-1.5 text-left font-normal" suppressHydrationWarning>
                  {row.label}
                </th>
                {model.series.map((s) => (
                  <td key={s.id} className="px-4 py-1.5 text-right">
                    {formatCount(row.values[s.id] ?? 0)}
                  </td>
                ))}
                <td className="px-4 py-1.5 text-right font-medium">{formatCount(row.total)}</td>
                <td className="px-4 py-1.5 text-right">{formatCount(row.refused)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
