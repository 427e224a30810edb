import { describe, expect, it } from "vitest";
import { FailureBudget } from "./failure-budget";

describe("FailureBudget", () => {
  it("allows a burst, then one unit per 1/perSecond, with the seconds until the next", () => {
    const budget = new FailureBudget({ burst: 3, perSecond: 2, maxClients: 10 });
    expect([0, 0, 0].map(() => budget.take("a", 0))).toEqual([0, 0, 0]);
    expect(budget.take("a", 0)).toBe(1);
    expect(budget.take("a", 499)).toBe(1);
    expect(budget.take("a", 500)).toBe(0);
    expect(budget.take("b", 500)).toBe(0); // another client has its own
    // Back to a full bucket, and no more, after a long quiet.
    expect([1, 2, 3, 4].map(() => budget.take("a", 60_000))).toEqual([0, 0, 0, 1]);
  });

  it("gives Retry-After as the whole seconds until a unit is back", () => {
    const slow = new FailureBudget({ burst: 1, perSecond: 0.25, maxClients: 10 });
    expect(slow.take("a", 0)).toBe(0);
    expect(slow.take("a", 0)).toBe(4);
    expect(slow.take("a", 1000)).toBe(3);
  });

  it("refills nothing, and drains nothing, when the clock steps back", () => {
    const budget = new FailureBudget({ burst: 2, perSecond: 1, maxClients: 10 });
    expect(budget.take("a", 3_600_000)).toBe(0);
    expect(budget.take("a", 0)).toBe(0);
    expect(budget.take("a", 0)).toBe(1);
    expect(budget.take("a", 1000)).toBe(0);
  });

  it("gives a unit back for a lookup that did not end in 401, never above the burst", () => {
    const budget = new FailureBudget({ burst: 2, perSecond: 1, maxClients: 10 });
    expect(budget.take("a", 0)).toBe(0);
    expect(budget.take("a", 0)).toBe(0);
    budget.refund("a");
    budget.refund("a");
    budget.refund("a");
    expect([0, 0, 0].map(() => budget.take("a", 0))).toEqual([0, 0, 1]);
  });

  it("holds at most maxClients, forgetting the client quiet longest", () => {
    const budget = new FailureBudget({ burst: 1, perSecond: 1, maxClients: 100 });
    budget.take("flooder", 0);
    for (let i = 0; i < 10_000; i++) {
      budget.take(`client-${i}`, i);
      // The flooder keeps asking, so it stays remembered (and refused).
      if (i % 50 === 0) expect(budget.take("flooder", 0)).toBe(1);
    }
    expect(budget.size).toBe(100);
    expect(budget.take("flooder", 0)).toBe(1);
    // A client forgotten comes back with a full bucket: what it would have had by now anyway.
    expect(budget.take("client-0", 10_000)).toBe(0);
    expect(budget.size).toBe(100);
  });
});
