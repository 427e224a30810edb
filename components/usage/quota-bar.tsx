import type { QuotaStatus } from "@/lib/usage/quota";
import { formatCount } from "./format";

/** Amber from 80 %, red at 100 %: the thresholds people act on. */
export function quotaTone(percent: number): "ok" | "warn" | "over" {
  if (percent >= 100) return "over";
  if (percent >= 80) return "warn";
  return "ok";
}

const BAR = { ok: "bg-indigo-600 dark:bg-indigo-400", warn: "bg-amber-500", over: "bg-red-600 dark:bg-red-500" };

export function QuotaBar({ quota, compact = false, label = "Quota used this period" }: { quota: QuotaStatus; compact?: boolean; label?: string }) {
  const tone = quotaTone(quota.percent);
  const width = Math.min(100, quota.percent);
  return (
    <div>
      {!compact && (
        <div className="flex items-baseline justify-between gap-2 text-sm">
          <span>
            <span className="text-2xl font-semibold tabular-nums">{formatCount(quota.used)}</span>
            <span className="text-zinc-500 dark:text-zinc-400"> / {formatCount(quota.limit)} units</span>
          </span>
          <span className={`font-medium tabular-nums ${tone === "over" ? "text-red-700 dark:text-red-400" : tone === "warn" ? "text-amber-700 dark:text-amber-400" : ""}`}>
            {quota.percent}%
          </span>
        </div>
      )}
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={quota.limit}
        aria-valuenow={Math.min(quota.used, quota.limit)}
        aria-valuetext={`${formatCount(quota.used)} of ${formatCount(quota.limit)} units (${quota.percent}%)`}
        className={`${compact ? "mt-1 h-1.5" : "mt-2 h-2.5"} w-full overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-800`}
      >
        <div className={`h-full rounded-full ${BAR[tone]}`} style={{ width: `${width}%` }} />
      </div>
    </div>
  );
}
