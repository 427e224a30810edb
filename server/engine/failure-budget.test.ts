import { describe, expect, it } from "vitest";
import { FailureBudget } from "./failure-budget";

/** `times` lookups by `client` that end in 401, one after another. */
function fail(budget: FailureBudget, client: string, times: number, now: number) {
  for (let i = 0; i < times; i++) {
    const ticket = budget.start(client, now);
    if (typeof ticket === "number") throw new Error(`refused after ${i}`);
    budget.settle(client, ticket, true, now);
  }
}

describe("FailureBudget", () => {
  it("allows a burst of failures, then one per 1/perSecond, with the seconds until the next", () => {
    const budget = new FailureBudget({ burst: 3, perSecond: 2, maxClients: 10 });
    fail(budget, "a", 3, 0);
    expect(budget.start("a", 0)).toBe(1);
    expect(budget.start("a", 499)).toBe(1);
    fail(budget, "a", 1, 500);
    expect(budget.start("a", 500)).toBe(1);
    expect(budget.start("b", 500)).toBeNull(); // another client has its own
    // Back to a full bucket, and no more, after a long quiet.
    fail(budget, "a", 3, 60_000);
    expect(budget.start("a", 60_000)).toBe(1);
  });

  it("keeps no state for a client without failures, and drops a bucket once it has refilled", () => {
    const budget = new FailureBudget({ burst: 3, perSecond: 2, maxClients: 10 });
    for (let i = 0; i < 100; i++) budget.settle(`client-${i}`, budget.start(`client-${i}`, 0) as null, false, 0);
    expect(budget.size).toBe(0);
    fail(budget, "a", 1, 0);
    expect(budget.size).toBe(1);
    expect(budget.start("a", 500)).toBeNull();
    expect(budget.size).toBe(0);
  });

  it("holds a unit for each lookup in flight, so concurrent misses cannot run ahead", () => {
    const budget = new FailureBudget({ burst: 3, perSecond: 1, maxClients: 10 });
    fail(budget, "a", 1, 0);
    const tickets = [budget.start("a", 0), budget.start("a", 0)];
    expect(tickets.every((t) => t !== null && typeof t === "object")).toBe(true);
    expect(budget.start("a", 0)).toBe(1); // two units left, both held
    // A lookup that found a valid key gives its unit back; one that failed spends it.
    budget.settle("a", tickets[0] as never, false, 0);
    budget.settle("a", tickets[1] as never, true, 0);
    fail(budget, "a", 1, 0);
    expect(budget.start("a", 0)).toBe(1);
  });

  it("gives Retry-After as the whole seconds until a failure is allowed again, counting the debt of misses sent before the first failure was known", () => {
    const slow = new FailureBudget({ burst: 1, perSecond: 0.25, maxClients: 10 });
    fail(slow, "a", 1, 0);
    expect(slow.start("a", 0)).toBe(4);
    expect(slow.start("a", 1000)).toBe(3);
    const debtor = new FailureBudget({ burst: 2, perSecond: 1, maxClients: 10 });
    const untracked = [debtor.start("a", 0), debtor.start("a", 0), debtor.start("a", 0)];
    for (const ticket of untracked) debtor.settle("a", ticket as null, true, 0);
    expect(debtor.start("a", 0)).toBe(2); // one unit of debt
    for (let i = 0; i < 100; i++) debtor.settle("a", null, true, 0);
    expect(debtor.start("a", 0)).toBe(3); // the debt is capped at one burst
  });

  it("refills nothing, and drains nothing, when the clock steps back", () => {
    const budget = new FailureBudget({ burst: 2, perSecond: 1, maxClients: 10 });
    fail(budget, "a", 1, 3_600_000);
    fail(budget, "a", 1, 0);
    expect(budget.start("a", 0)).toBe(1);
    expect(budget.start("a", 1000)).not.toBe(1);
  });

  it("holds at most maxClients, forgetting the client quiet longest", () => {
    const budget = new FailureBudget({ burst: 1, perSecond: 1, maxClients: 100 });
    fail(budget, "flooder", 1, 0);
    for (let i = 0; i < 10_000; i++) {
      fail(budget, `client-${i}`, 1, 0);
      // The flooder keeps failing (its misses sent before it knew), so it stays remembered and refused.
      if (i % 50 === 0) budget.settle("flooder", null, true, 0);
    }
    expect(budget.size).toBe(100);
    expect(budget.start("flooder", 0)).toBe(2);
    expect(budget.start("client-9999", 0)).toBe(1);
    // A client forgotten comes back unlimited: a full bucket is what it would have had by now anyway.
    expect(budget.start("client-0", 0)).toBeNull();
  });
});
