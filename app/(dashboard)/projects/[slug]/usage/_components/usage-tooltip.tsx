import { REFUSED_COLOR, REFUSED_LABEL, REFUSED_SERIES, tooltipEntries, type ChartModel } from "@/lib/usage/chart-model";
import { formatCount } from "@/components/usage/format";

/**
 * One bucket's figures: the series biggest first, the units' total (the
 * bar's height), then refused requests apart, as they are on their own axis.
 * A table, so each figure sits beside its name.
 */
export function UsageTooltip({ model, hidden, activeIndex }: { model: ChartModel; hidden: Set<string>; activeIndex: string | null | undefined }) {
  const row = activeIndex == null ? undefined : model.rows[Number(activeIndex)];
  if (!row) return null;
  const { entries, total } = tooltipEntries(model, row, hidden);
  return (
    <table aria-label={`Usage in ${row.label}`} className="rounded-lg bg-zinc-900 text-xs text-zinc-50 shadow-lg tabular-nums">
      <caption className="px-3 pt-2 text-left font-semibold">{row.label}</caption>
      <tbody>
        {entries.map((entry) => (
          <tr key={entry.id}>
            <th scope="row" className="max-w-64 truncate px-3 py-0.5 text-left font-normal">
              <span className="mr-2 inline-block size-2.5 rounded-sm align-middle" style={{ background: entry.color }} />
              {entry.label}
            </th>
            <td className="px-3 py-0.5 text-right">{formatCount(entry.value)}</td>
          </tr>
        ))}
        <tr className="border-t border-zinc-700">
          <th scope="row" className="px-3 py-1 text-left font-semibold">
            Total
          </th>
          <td className="px-3 py-1 text-right font-semibold">{formatCount(total)}</td>
        </tr>
        {!hidden.has(REFUSED_SERIES) && (
          <tr>
            <th scope="row" className="px-3 pb-2 text-left font-normal">
              <span className="mr-2 inline-block h-0.5 w-2.5 align-middle" style={{ background: REFUSED_COLOR }} />
              {REFUSED_LABEL}
            </th>
            <td className="px-3 pb-2 text-right">{formatCount(row.refused)}</td>
          </tr>
        )}
      </tbody>
    </table>
  );
}
