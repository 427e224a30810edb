import { describe, expect, it } from "vitest";
import { KeyWindows, memoryRateLimiter } from "./rate-limit";

/** A clock the test moves by hand. */
function manualClock(start = 0) {
  let now = start;
  return { now: () => now, set: (ms: number) => void (now = ms) };
}

describe("memoryRateLimiter", () => {
  it("answers synchronously (no promise on the hot path)", () => {
    const limiter = memoryRateLimiter();
    const decision = limiter.consume("key-a", 5);
    expect(decision).toEqual({ allowed: true });
    expect(decision).not.toBeInstanceOf(Promise);
  });

  it("allows the key's limit per second, then refuses with a Retry-After in whole seconds", () => {
    const limiter = memoryRateLimiter();
    const decisions = Array.from({ length: 7 }, () => limiter.consume("key-b", 5));
    expect(decisions.slice(0, 5)).toEqual(Array(5).fill({ allowed: true }));
    expect(decisions.slice(5)).toEqual(Array(2).fill({ allowed: false, retryAfterSeconds: 1 }));
    // Keys are counted apart.
    expect(limiter.consume("key-c", 5)).toEqual({ allowed: true });
  });

  it("opens a key's window at its first request, not on the clock's second", () => {
    const clock = manualClock(10_000);
    const limiter = memoryRateLimiter(clock.now);
    clock.set(10_600);
    expect(limiter.consume("key", 2)).toEqual({ allowed: true });
    clock.set(11_200); // past the clock's second, inside the key's window (10,600 to 11,600)
    expect(limiter.consume("key", 2)).toEqual({ allowed: true });
    expect(limiter.consume("key", 2)).toEqual({ allowed: false, retryAfterSeconds: 1 });
    clock.set(11_600);
    expect(limiter.consume("key", 2)).toEqual({ allowed: true });
  });
});

describe("KeyWindows", () => {
  it("keeps a window that is still open across a turn-over of its maps", () => {
    const clock = manualClock(0);
    const windows = new KeyWindows(1000, clock.now);
    clock.set(900);
    expect(windows.consume("a", 1)).toEqual({ consumed: 1, msBeforeNext: 1000 });
    clock.set(1000); // another key turns the maps over: "a" is now in the previous one
    windows.consume("b", 1);
    clock.set(1800);
    expect(windows.consume("a", 2)).toEqual({ consumed: 3, msBeforeNext: 100 });
    clock.set(1900);
    expect(windows.consume("a", 1)).toEqual({ consumed: 1, msBeforeNext: 1000 });
  });

  it("forgets keys whose windows have ended, so memory is bounded by the keys of the last two windows", () => {
    const clock = manualClock(0);
    const windows = new KeyWindows(1000, clock.now);
    for (let i = 0; i < 1000; i++) windows.consume(`key-${i}`, 1);
    expect(windows.size).toBe(1000);
    clock.set(1000);
    windows.consume("late", 1);
    expect(windows.size).toBe(1001); // the first thousand may still be open for all it knows
    clock.set(2000);
    windows.consume("later", 1);
    expect(windows.size).toBe(2);
    // A key counted again starts a new window with nothing carried over.
    expect(windows.consume("key-0", 1)).toEqual({ consumed: 1, msBeforeNext: 1000 });
  });

  it("drops everything after two idle window lengths", () => {
    const clock = manualClock(0);
    const windows = new KeyWindows(1000, clock.now);
    clock.set(999);
    windows.consume("a", 5);
    clock.set(2500);
    expect(windows.consume("b", 1)).toEqual({ consumed: 1, msBeforeNext: 1000 });
    expect(windows.size).toBe(1);
    expect(windows.consume("a", 1)).toEqual({ consumed: 1, msBeforeNext: 1000 });
  });
});
