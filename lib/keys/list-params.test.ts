import { describe, expect, it } from "vitest";
import { DEFAULT_KEY_LIST_PARAMS, isFilteredKeyList, keyListSearch, listKeysQuery, parseKeyListParams } from "./list-params";

const HASH = "a".repeat(64);
const KEY = "kd_live_4fQ9xT0bW2mLr8ZcVn3sJ1yKpA7eHu6DgX5oSi";

describe("parseKeyListParams", () => {
  it("reads every parameter of a shared link", () => {
    const params = parseKeyListParams(new URLSearchParams("status=revoked&environment=test&q=%20billing%20&sort=last_used"));
    expect(params).toEqual({ status: "revoked", environment: "test", q: "billing", key_hash: undefined, sort: "last_used" });
  });

  it("gives the default list for an empty query", () => {
    expect(parseKeyListParams({})).toEqual(DEFAULT_KEY_LIST_PARAMS);
  });

  it("falls back to the default of each parameter that is out of shape, keeping the others", () => {
    const params = parseKeyListParams({ status: "gone", environment: ["live", "test"], sort: "random", q: "a\u0000b", key_hash: "ABC" });
    expect(params).toEqual(DEFAULT_KEY_LIST_PARAMS);
    expect(parseKeyListParams({ status: "expired", sort: "__proto__", q: "x".repeat(65) })).toEqual({ ...DEFAULT_KEY_LIST_PARAMS, status: "expired" });
  });

  it("lets a key hash win over a search term", () => {
    expect(parseKeyListParams({ q: "billing", key_hash: HASH })).toMatchObject({ q: "", key_hash: HASH });
  });

  it("drops a whole key, or part of one, given as a search term", () => {
    expect(parseKeyListParams({ q: KEY }).q).toBe("");
    expect(parseKeyListParams({ q: `Bearer ${KEY}` }).q).toBe("");
    expect(parseKeyListParams({ q: KEY.slice(0, 20) }).q).toBe("");
    // A hint, as the table shows it, is a search term.
    expect(parseKeyListParams({ q: "kd_live_4fQ9…eHu6" }).q).toBe("kd_live_4fQ9…eHu6");
  });
});

describe("keyListSearch", () => {
  it("writes only what differs from the default, in a fixed order, and reads back the same", () => {
    expect(keyListSearch(DEFAULT_KEY_LIST_PARAMS)).toBe("");
    const params = { status: "active", environment: "live", q: "a&b c", key_hash: undefined, sort: "name" } as const;
    expect(keyListSearch(params)).toBe("?status=active&environment=live&q=a%26b+c&sort=name");
    expect(parseKeyListParams(new URLSearchParams(keyListSearch(params)))).toEqual(params);
  });

  it("counts the order as no filter", () => {
    expect(isFilteredKeyList({ ...DEFAULT_KEY_LIST_PARAMS, sort: "oldest" })).toBe(false);
    expect(isFilteredKeyList({ ...DEFAULT_KEY_LIST_PARAMS, key_hash: HASH })).toBe(true);
  });
});

describe("listKeysQuery (the list API)", () => {
  it("refuses what a page would quietly ignore", () => {
    expect(listKeysQuery.safeParse({ sort: "random" }).success).toBe(false);
    expect(listKeysQuery.safeParse({ key_hash: "not-a-hash" }).success).toBe(false);
    const withKey = listKeysQuery.safeParse({ q: KEY });
    expect(withKey.success).toBe(false);
    expect(withKey.error?.issues[0]?.message).toContain("key_hash");
    expect(listKeysQuery.parse({ key_hash: HASH, sort: "oldest" })).toMatchObject({ key_hash: HASH, sort: "oldest", limit: 25 });
  });
});
