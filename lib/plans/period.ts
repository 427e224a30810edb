// Quota periods are UTC calendar months; usage rollups are UTC hours.

export type Period = { start: number; end: number };

export const HOUR_MS = 3600_000;

export function periodOf(ms: number): Period {
  const date = new Date(ms);
  const start = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
  const end = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
  return { start, end };
}

const DAY_MS = 86_400_000;

/** The UTC day or calendar month `ms` is in: a key's credits refill at its start. */
export function creditPeriodOf(interval: "daily" | "monthly", ms: number): Period {
  if (interval === "monthly") return periodOf(ms);
  const start = ms - (ms % DAY_MS);
  return { start, end: start + DAY_MS };
}

/**
 * The current period, recomputed only when it ends: the hot path asks for it
 * on every request, and date arithmetic is not free.
 */
export class PeriodClock {
  private current: Period = { start: 0, end: 0 };

  at(ms: number): Period {
    if (ms >= this.current.end || ms < this.current.start) this.current = periodOf(ms);
    return this.current;
  }
}
