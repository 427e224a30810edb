/**
 * When a failed delivery is tried again: exponential from `baseMs`
 * (×2 per attempt, at most 6 hours apart), with "equal jitter" (a random
 * point in the upper half of the step), so retries of many deliveries after
 * an outage spread out while each delivery's gaps still grow. Attempts stop
 * once `windowMs` (3 days) has passed since the first.
 */
export const RETRY_DEFAULTS = { baseMs: 10_000, maxMs: 6 * 3600_000, windowMs: 3 * 24 * 3600_000 } as const;

export type RetryPolicy = { baseMs: number; maxMs: number; windowMs: number };

/** The wait after failed attempt `attempt` (1 = the first try). */
export function retryDelayMs(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const step = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(attempt - 1, 30));
  return Math.round(step / 2 + random() * (step / 2));
}

/** The schedule without jitter's randomness (its upper bounds), for the docs and tests. */
export function retrySchedule(policy: RetryPolicy): number[] {
  const delays: number[] = [];
  for (let attempt = 1, total = 0; ; attempt++) {
    const delay = retryDelayMs(attempt, policy, () => 1);
    if (total + delay > policy.windowMs) return delays;
    total += delay;
    delays.push(delay);
  }
}
