import Link from "next/link";
import type { UsageSeries } from "@/lib/usage/series";
import { formatCount } from "@/components/usage/format";
import { KeyCreditsPanel } from "@/components/keys/key-credits";

const day = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", timeZone: "UTC" });

/**
 * The key's last 30 UTC days: totals, a bar per day (decoration: the totals
 * say it), its credits when it has some, and the Usage tab filtered to this
 * key for more.
 */
export function KeyUsage({ series, usageHref }: { series: UsageSeries; usageHref: string }) {
  const days = series.buckets.map((bucket) => ({ start: bucket.start, units: Object.values(bucket.units).reduce((sum, n) => sum + n, 0), refused: bucket.refused }));
  const max = Math.max(1, ...days.map((d) => d.units));
  const width = 100 / Math.max(1, days.length);
  return (
    <section aria-labelledby="key-usage-heading" className="space-y-3">
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <h3 id="key-usage-heading" className="text-base font-semibold">
          Usage, last 30 days
        </h3>
        <Link href={usageHref} className="text-sm font-medium text-indigo-700 hover:underline dark:text-indigo-400">
          Open in the Usage tab →
        </Link>
      </div>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="grid min-w-60 flex-1 grid-cols-3 gap-3 text-sm">
          {(
            [
              ["Units", series.totals.units],
              ["Requests", series.totals.requests],
              ["Refused", series.totals.refused],
            ] as const
          ).map(([label, value]) => (
            <div key={label} role="group" aria-label={`${label}, last 30 days`}>
              <dl>
                <dt className="text-zinc-500 dark:text-zinc-400">{label}</dt>
                <dd className="text-xl font-semibold tabular-nums">{formatCount(value)}</dd>
              </dl>
            </div>
          ))}
        </div>
        {series.credits && <KeyCreditsPanel balance={series.credits} />}
      </div>
      {series.totals.units === 0 && series.totals.refused === 0 ? (
        <p className="text-sm text-zinc-500 dark:text-zinc-400">No calls with this key in the last 30 days: its bars appear here once the API counts its first verify call.</p>
      ) : (
        <svg viewBox="0 0 100 30" preserveAspectRatio="none" className="h-24 w-full text-indigo-500" aria-hidden="true">
          {days.map((d, i) => (
            <rect key={d.start} x={i * width + width * 0.15} width={width * 0.7} y={30 - (d.units / max) * 30} height={(d.units / max) * 30} fill="currentColor">
              <title>{`${day.format(new Date(d.start))}: ${formatCount(d.units)} units`}</title>
            </rect>
          ))}
        </svg>
      )}
      <p className="text-xs text-zinc-500 dark:text-zinc-400">
        UTC days, {day.format(new Date(series.from))} to today. Units{series.credits ? " and credits" : ""} counted once the API instances flush them (about a second).
      </p>
    </section>
  );
}
