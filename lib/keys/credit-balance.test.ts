import { describe, expect, it } from "vitest";
import { creditBalance, creditsLine, type CreditColumns } from "./credit-balance";

const en = (n: number) => new Intl.NumberFormat("en-US").format(n);
const none: CreditColumns = { creditsGranted: null, creditsUsed: 0, creditsPeriodStart: null, creditRefillInterval: null, creditRefillAmount: null };
const now = new Date("2026-12-02T05:00:00Z");

describe("credit balance", () => {
  it("is null for a key without credits", () => {
    expect(creditBalance(none, now)).toBeNull();
  });

  it("is what the flushes left of a one-off balance", () => {
    const key = { ...none, creditsGranted: 5000, creditsUsed: 3800, creditsPeriodStart: new Date("2026-11-20T10:00:00Z") };
    expect(creditBalance(key, now)).toEqual({ remaining: 1200, granted: 5000, refill: null, refillsAt: null });
  });

  it("refills at the start of the next UTC month or day, and a period begun without a flush reads as refilled", () => {
    const monthly = { ...none, creditsGranted: 5000, creditsUsed: 3800, creditsPeriodStart: new Date("2026-12-01T00:00:00Z"), creditRefillInterval: "monthly", creditRefillAmount: 5000 } as const;
    expect(creditBalance(monthly, now)).toEqual({ remaining: 1200, granted: 5000, refill: { interval: "monthly", amount: 5000 }, refillsAt: "2027-01-01T00:00:00.000Z" });
    // November's balance, all spent; December has begun and no unit of it is flushed yet.
    const lastMonth = { ...monthly, creditsUsed: 5000, creditsPeriodStart: new Date("2026-11-01T00:00:00Z"), creditRefillAmount: 2000 };
    expect(creditBalance(lastMonth, now)).toMatchObject({ remaining: 2000, granted: 2000 });
    const daily = { ...monthly, creditsGranted: 100, creditsUsed: 40, creditsPeriodStart: new Date("2026-12-02T00:00:00Z"), creditRefillInterval: "daily", creditRefillAmount: 100 } as const;
    expect(creditBalance(daily, now)).toMatchObject({ remaining: 60, granted: 100, refillsAt: "2026-12-03T00:00:00.000Z" });
  });

  it("is never below zero", () => {
    expect(creditBalance({ ...none, creditsGranted: 10, creditsUsed: 12, creditsPeriodStart: now }, now)).toMatchObject({ remaining: 0 });
  });
});

describe("credits line", () => {
  const balance = { remaining: 1200, granted: 5000, refill: null, refillsAt: null };

  it("says what is left of what was granted, and how it refills", () => {
    expect(creditsLine(balance, en)).toEqual({ spent: false, low: false, left: "1,200 of 5,000 credits left", refill: null, text: "1,200 of 5,000 credits left" });
    expect(creditsLine({ ...balance, refill: { interval: "monthly", amount: 5000 } }, en).text).toBe("1,200 of 5,000 credits left · refills monthly");
    // A balance set by hand that differs from the refill says what the refill gives.
    expect(creditsLine({ ...balance, refill: { interval: "daily", amount: 1000 } }, en).text).toBe("1,200 of 5,000 credits left · refills to 1,000 daily");
    expect(creditsLine({ ...balance, remaining: 1, granted: 1 }, en).left).toBe("1 of 1 credit left");
  });

  it("is low at a tenth or less of the period's credits", () => {
    expect(creditsLine({ ...balance, remaining: 500 }, en).low).toBe(true);
    expect(creditsLine({ ...balance, remaining: 501 }, en).low).toBe(false);
  });

  it("says plainly when nothing is left", () => {
    expect(creditsLine({ ...balance, remaining: 0 }, en)).toEqual({ spent: true, low: false, left: "Credits spent", refill: null, text: "Credits spent" });
    expect(creditsLine({ ...balance, remaining: 0, refill: { interval: "monthly", amount: 5000 } }, en).text).toBe("Credits spent · refills monthly");
  });
});
