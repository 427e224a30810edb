import type { ChartModel } from "@/lib/usage/chart-model";
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@/components/ui/table";
import { formatCount } from "@/components/usage/format";

/** The chart's figures as a table: the accessible alternative, and what the CSV exports. */
export function UsageTable({ model, bucket, timeZone }: { model: ChartModel; bucket: "hour" | "day"; timeZone: string }) {
  return (
    <section aria-labelledby="usage-table-heading" className="rounded-xl bg-white ring-1 ring-zinc-200 dark:bg-zinc-900 dark:ring-zinc-800">
      <h2 id="usage-table-heading" className="px-5 pt-4 text-base font-semibold">
        Usage by {bucket}
      </h2>
      <Table
        caption={`Units per ${bucket} and key, total units and refused requests; times in ${timeZone}`}
        density="compact"
        numeric
        className="mt-2 max-h-96"
      >
        <TableHead sticky>
          <TableRow>
            <TableHeaderCell>{bucket === "hour" ? "Hour" : "Day"}</TableHeaderCell>
            {model.series.map((s) => (
              <TableHeaderCell key={s.id} align="right">
                {s.label}
              </TableHeaderCell>
            ))}
            <TableHeaderCell align="right">Total units</TableHeaderCell>
            <TableHeaderCell align="right">Refused</TableHeaderCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {model.rows.map((row) => (
            <TableRow key={row.start}>
              <TableHeaderCell scope="row" className="whitespace-nowrap" suppressHydrationWarning>
                {row.label}
              </TableHeaderCell>
              {model.series.map((s) => (
                <TableCell key={s.id} align="right">
                  {formatCount(row.values[s.id] ?? 0)}
                </TableCell>
              ))}
              <TableCell align="right" className="font-medium">
                {formatCount(row.total)}
              </TableCell>
              <TableCell align="right">{formatCount(row.refused)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </section>
  );
}
