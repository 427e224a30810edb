import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { slugify } from "./slugify";
import { slugWithSuffix } from "./slug";

describe("slugify", () => {
  it.each([
    ["Acme Payments", "acme-payments"],
    ["  Café  Orders!! ", "cafe-orders"],
    ["Ünïcödé Ünion", "unicode-union"],
    ["---", "project"],
    ["日本語", "project"],
  ])("%s → %s", (name, slug) => {
    expect(slugify(name)).toBe(slug);
  });

  it("always returns a URL-safe slug of at most 48 characters", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (name) => {
        const slug = slugify(name);
        expect(slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
        expect(slug.length).toBeLessThanOrEqual(48);
      }),
    );
  });

  it("suffixes stay within the length limit", () => {
    const slug = slugWithSuffix(slugify("x".repeat(100)));
    expect(slug).toMatch(/^x+-[a-z0-9]{5}$/);
    expect(slug.length).toBeLessThanOrEqual(48);
  });
});
