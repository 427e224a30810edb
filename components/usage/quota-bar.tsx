import type { QuotaStatus } from "@/lib/usage/quota";
import { quotaBarModel, type QuotaBarModel, type QuotaTone } from "@/lib/usage/overview-model";

const BAR: Record<QuotaTone, string> = { ok: "bg-indigo-600 dark:bg-indigo-400", warn: "bg-amber-500", over: "bg-red-600 dark:bg-red-500" };
const PERCENT: Record<QuotaTone, string> = { ok: "", warn: "text-amber-700 dark:text-amber-400", over: "text-red-700 dark:text-red-400" };

type BarOptions = { compact?: boolean; label?: string };

export function QuotaBar({ quota, ...options }: { quota: QuotaStatus } & BarOptions) {
  return <QuotaBarView bar={quotaBarModel(quota, undefined)} {...options} />;
}

/** The bar of an already computed model (the usage overview's). */
export function QuotaBarView({ bar, compact = false, label = "Quota used this period" }: { bar: QuotaBarModel } & BarOptions) {
  return (
    <div>
      {!compact && (
        <div className="flex items-baseline justify-between gap-2 text-sm">
          <span>
            <span className="text-2xl font-semibold tabular-nums">{bar.used}</span>
            <span className="text-zinc-500 dark:text-zinc-400"> / {bar.limit} units</span>
          </span>
          <span className={`font-medium tabular-nums ${PERCENT[bar.tone]}`}>{bar.percent}</span>
        </div>
      )}
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={bar.valueMax}
        aria-valuenow={bar.valueNow}
        aria-valuetext={bar.valueText}
        className={`${compact ? "mt-1 h-1.5" : "mt-2 h-2.5"} w-full overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-800`}
      >
        <div className={`h-full rounded-full ${BAR[bar.tone]}`} style={{ width: `${bar.width}%` }} />
      </div>
    </div>
  );
}
