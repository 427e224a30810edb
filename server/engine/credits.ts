import "server-only";
import { API_MESSAGES, creditsRefillMessage } from "../../lib/contract/api-messages";
import { creditPeriodOf } from "../../lib/plans/period";
import type { CreditMeter, Meters } from "./meters";
import type { KeyCredits, KeyRecord, Refusal } from "./types";

/**
 * The key's credit meter for the credit period `now` is in, with the
 * period's limit and end kept on the record for the next request: a period
 * after the one the database last counted (a refill not yet written) starts
 * at 0 with the refill amount, and its first flush writes the refill.
 */
export function creditMeterOf(meters: Meters, record: KeyRecord, credits: KeyCredits, now: number): CreditMeter {
  const { hot } = record;
  const cached = hot.creditMeter;
  if (cached !== undefined && !cached.evicted && now < hot.creditEnd!) return cached;
  let start = credits.periodStart;
  let limit = credits.granted;
  let end = Infinity;
  if (credits.refill !== null) {
    const current = creditPeriodOf(credits.refill.interval, now);
    end = current.end;
    if (current.start > start) [start, limit] = [current.start, credits.refill.amount];
  }
  // The lookup's count belongs to the period it read; a later period starts from 0.
  const meter = meters.credit(record.id, credits.version, start, start === credits.periodStart ? credits.used : 0);
  hot.creditMeter = meter;
  hot.creditLimit = limit;
  hot.creditEnd = end;
  return meter;
}

/** 429 quota_exceeded for spent credits: when they refill (and Retry-After until then), or that they do not. */
export function creditsSpent(credits: KeyCredits, end: number, now: number): Refusal {
  if (credits.refill === null) return { valid: false, code: "quota_exceeded", message: API_MESSAGES.creditsSpent };
  return {
    valid: false,
    code: "quota_exceeded",
    message: creditsRefillMessage(credits.refill.amount, credits.refill.interval, end),
    retryAfterSeconds: Math.max(1, Math.ceil((end - now) / 1000)),
  };
}
