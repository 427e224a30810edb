import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { MAX_QUERY_DEPTH, MAX_QUERY_TERMS, missingPermissions, parsePermissionQuery, PermissionQueryCache, type PermissionQuery } from "./permission-query";
import { effectivePermissions, isPermissionName } from "./permission-grants";

const parsed = (text: string): PermissionQuery => {
  const result = parsePermissionQuery(text);
  if (!result.ok) throw new Error(result.message);
  return result.query;
};
const errorOf = (text: string) => {
  const result = parsePermissionQuery(text);
  if (result.ok) throw new Error(`parsed: ${text}`);
  return result.message;
};
const held = (...names: string[]) => new Set(names);

describe("parsePermissionQuery", () => {
  it("reads names, AND, OR and parentheses, AND binding tighter than OR", () => {
    expect(parsed("charges.write")).toEqual({ kind: "name", name: "charges.write" });
    expect(parsed("a OR b AND c")).toEqual({ kind: "or", items: [{ kind: "name", name: "a" }, { kind: "and", items: [{ kind: "name", name: "b" }, { kind: "name", name: "c" }] }] });
    expect(parsed("(a OR b) AND c")).toEqual({ kind: "and", items: [{ kind: "or", items: [{ kind: "name", name: "a" }, { kind: "name", name: "b" }] }, { kind: "name", name: "c" }] });
    expect(parsed("  charges.write AND(refunds.read OR refunds-v2_write)\n")).toMatchObject({ kind: "and" });
  });

  it("says what is wrong and at which character", () => {
    expect(errorOf("")).toBe("permissions: permissions is empty: expected a permission name at position 1.");
    expect(errorOf("a AND")).toBe("permissions: expected a permission name or ( but found the end of the query at position 6.");
    expect(errorOf("a AND (b OR c")).toBe("permissions: expected ) to close the ( at position 7 but found the end of the query at position 14.");
    expect(errorOf("a b")).toBe('permissions: expected AND, OR or the end of the query but found "b" at position 3.');
    expect(errorOf("a AND $b")).toBe('permissions: unexpected character "$" at position 7.');
    expect(errorOf("a )")).toMatch(/found \) at position 3/);
    expect(errorOf("OR a")).toMatch(/position 1/);
    expect(errorOf("a and b")).toMatch(/"and" at position 3/);
  });

  it(`allows ${MAX_QUERY_TERMS} names and ${MAX_QUERY_DEPTH} levels, and no more`, () => {
    const names = (n: number) => Array.from({ length: n }, (_, i) => `p${i}`).join(" AND ");
    expect(parsePermissionQuery(names(MAX_QUERY_TERMS)).ok).toBe(true);
    expect(errorOf(names(MAX_QUERY_TERMS + 1))).toMatch(/at most 64 permission names at position \d+/);
    const nested = (n: number) => "(".repeat(n - 1) + "a" + ")".repeat(n - 1);
    expect(parsePermissionQuery(nested(MAX_QUERY_DEPTH)).ok).toBe(true);
    expect(errorOf(nested(MAX_QUERY_DEPTH + 1))).toMatch(/deeper than 8 levels at position 8/);
    expect(errorOf("(".repeat(100_000))).toMatch(/at most 4096 characters/);
    expect(errorOf("x".repeat(65))).toMatch(/at most 64 characters at position 1/);
  });

  it("never throws, whatever the text", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom("a", "b", ".", "*", " ", "(", ")", "AND ", "OR ", "$", "é") }), (text) => {
        const result = parsePermissionQuery(text);
        if (!result.ok) expect(result.message).toMatch(/^permissions: .* at position \d+\.$|characters\.$/);
      }),
    );
  });
});

describe("missingPermissions", () => {
  const query = parsed("charges.write AND (refunds.read OR refunds.write)");
  it("is null when the key holds what the query asks", () => {
    expect(missingPermissions(query, held("charges.write", "refunds.write"))).toBeNull();
  });
  it("lists what is missing; a failed OR lists each alternative", () => {
    expect(missingPermissions(query, held("charges.write"))).toEqual(["refunds.read", "refunds.write"]);
    expect(missingPermissions(query, held("refunds.read"))).toEqual(["charges.write"]);
    expect(missingPermissions(query, held())).toEqual(["charges.write", "refunds.read", "refunds.write"]);
  });
});

describe("effectivePermissions", () => {
  const project = ["charges.read", "charges.write", "charges.refunds.read", "refunds.read", "admin"];
  it("is every project name for a key with all (the default)", () => {
    expect(effectivePermissions(project, { all: true, grants: [] })).toEqual([...project].sort());
  });
  it("expands wildcards against the project's names, and ignores names the project does not define", () => {
    expect(effectivePermissions(project, { all: false, grants: ["charges.*", "gone.name"] })).toEqual(["charges.read", "charges.refunds.read", "charges.write"]);
    expect(effectivePermissions(project, { all: false, grants: ["*.read"] })).toEqual(["charges.read", "charges.refunds.read", "refunds.read"]);
    expect(effectivePermissions(project, { all: false, grants: ["charges."] })).toEqual([]);
    expect(effectivePermissions(project, { all: false, grants: ["*"] })).toEqual([...project].sort());
  });
  it("refuses the operators and characters outside the set as names", () => {
    expect(isPermissionName("charges.write")).toBe(true);
    for (const bad of ["AND", "OR", "", "a b", "a/b", "x".repeat(65)]) expect(isPermissionName(bad)).toBe(false);
  });
});

describe("PermissionQueryCache", () => {
  it("parses each text once and keeps at most its bound, dropping the least recently used", () => {
    const cache = new PermissionQueryCache(2);
    const first = cache.parse("a");
    expect(cache.parse("a")).toBe(first);
    cache.parse("b");
    cache.parse("a");
    cache.parse("c"); // b is the least recently used
    expect(cache.size).toBe(2);
    expect(cache.parse("a")).toBe(first);
  });
});
