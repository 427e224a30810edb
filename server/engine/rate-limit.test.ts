import { describe, expect, it } from "vitest";
import { memoryRateLimiter } from "./rate-limit";

describe("memoryRateLimiter", () => {
  it("answers synchronously (no promise on the hot path) through rate-limiter-flexible's counter", () => {
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
});
