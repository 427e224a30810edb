import { describe, expect, it } from "vitest";
import { KeyCache, NegativeCache } from "./key-cache";
import type { KeyRecord } from "./types";
import { keyRecordFixture } from "./key-record.fixture";

const record = (n: number, projectId = "p1"): KeyRecord => keyRecordFixture({ digest: `h${n}`, id: `k${n}`, projectId });

describe("KeyCache", () => {
  it("stays within its bound, giving recently hit entries a second chance", () => {
    const cache = new KeyCache(3, 60_000);
    [1, 2, 3].forEach((n) => cache.set(record(n), 0));
    cache.get("h1", 0); // h1 was used: h2 is the one to go
    cache.set(record(4), 0);
    expect(cache.size).toBe(3);
    expect(cache.get("h1", 0)).toBeDefined();
    expect(cache.get("h2", 0)).toBeUndefined();
    expect(cache.get("h4", 0)).toBeDefined();
  });

  it("does not answer with entries older than the TTL, except to peek (an outage grace) until they are invalidated", () => {
    const cache = new KeyCache(10, 1000);
    cache.set(record(1), 0);
    expect(cache.get("h1", 1000)).toBeDefined();
    expect(cache.get("h1", 1001)).toBeUndefined();
    expect(cache.peek("h1")).toBeDefined();
    cache.deleteKey("k1");
    expect(cache.peek("h1")).toBeUndefined();
  });

  it("invalidates by key id and by project", () => {
    const cache = new KeyCache(10, 60_000);
    cache.set(record(1, "a"), 0);
    cache.set(record(2, "a"), 0);
    cache.set(record(3, "b"), 0);
    cache.deleteKey("k1");
    expect(cache.get("h1", 0)).toBeUndefined();
    cache.deleteProject("a");
    expect(cache.get("h2", 0)).toBeUndefined();
    expect(cache.get("h3", 0)).toBeDefined();
  });
});

describe("NegativeCache", () => {
  it("remembers unknown hashes for its TTL, within its bound", () => {
    const negative = new NegativeCache(2, 1000);
    negative.add("a", 0);
    negative.add("b", 0);
    negative.add("c", 0);
    expect(negative.size).toBe(2);
    expect(negative.has("a", 10)).toBe(false);
    expect(negative.has("c", 999)).toBe(true);
    expect(negative.has("c", 1000)).toBe(false);
  });
});
