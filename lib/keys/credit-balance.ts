import type { CreditRefillInterval, Prisma } from "@prisma/client";
import { creditPeriodOf } from "../plans/period";

// A key's credits as the dashboard shows them: the keys list, the key's page
// and the Usage tab all read them through creditBalance, so the three agree.
// The API spends credits in memory and its metering flush adds them to
// credits_used (server/engine/credits.ts, metering.ts) about once a second;
// a refill is written lazily, by the first flush of the new period, so a
// period that has begun without one is read here as refilled.

export type CreditRefill = { interval: CreditRefillInterval; amount: number };

export type CreditBalance = {
  /** Units the key may still spend in its current credit period. */
  remaining: number;
  /** What the current period started with: the balance set on the key, or the refill amount. */
  granted: number;
  refill: CreditRefill | null;
  /** When the next refill comes (UTC ISO), or null without refills. */
  refillsAt: string | null;
};

/** The columns creditBalance reads. */
export const creditColumns = {
  creditsGranted: true,
  creditsUsed: true,
  creditsPeriodStart: true,
  creditRefillInterval: true,
  creditRefillAmount: true,
} satisfies Prisma.ApiKeySelect;

export type CreditColumns = Prisma.ApiKeyGetPayload<{ select: typeof creditColumns }>;

/** The key's credits now, as the API's last flush left them; null for a key without credits. */
export function creditBalance(key: CreditColumns, now: Date): CreditBalance | null {
  if (key.creditsGranted === null) return null;
  // As the API reads them (server/engine/lookup.ts): no amount, no refill.
  const refill = key.creditRefillInterval && key.creditRefillAmount ? { interval: key.creditRefillInterval, amount: key.creditRefillAmount } : null;
  if (refill === null) return { remaining: Math.max(0, key.creditsGranted - key.creditsUsed), granted: key.creditsGranted, refill, refillsAt: null };
  const period = creditPeriodOf(refill.interval, now.getTime());
  const refillsAt = new Date(period.end).toISOString();
  if (period.start > (key.creditsPeriodStart?.getTime() ?? 0)) return { remaining: refill.amount, granted: refill.amount, refill, refillsAt };
  return { remaining: Math.max(0, key.creditsGranted - key.creditsUsed), granted: key.creditsGranted, refill, refillsAt };
}

export type CreditsLine = {
  /** Nothing left: the API answers 429 quota_exceeded until a refill or a new balance. */
  spent: boolean;
  /** A tenth or less of the period's credits left: worth a glance before they run out. */
  low: boolean;
  /** "1,200 of 5,000 credits left", or "Credits spent". */
  left: string;
  /** "refills monthly", "refills to 1,000 daily", or null. */
  refill: string | null;
  /** Both, as one sentence part: "1,200 of 5,000 credits left · refills monthly". */
  text: string;
};

/** What a balance reads as, with the caller's number format (the dashboard's formatCount). */
export function creditsLine(balance: CreditBalance, count: (n: number) => string): CreditsLine {
  const spent = balance.remaining === 0;
  const low = !spent && balance.remaining * 10 <= balance.granted;
  const left = spent ? "Credits spent" : `${count(balance.remaining)} of ${count(balance.granted)} ${balance.granted === 1 ? "credit" : "credits"} left`;
  const refill =
    balance.refill === null ? null : balance.refill.amount === balance.granted ? `refills ${balance.refill.interval}` : `refills to ${count(balance.refill.amount)} ${balance.refill.interval}`;
  return { spent, low, left, refill, text: refill ? `${left} · ${refill}` : left };
}
