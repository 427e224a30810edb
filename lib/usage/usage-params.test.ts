import { describe, expect, it } from "vitest";
import { DEFAULT_USAGE_PARAMS, isCanonicalUsageQuery, parseUsageParams, usageParamsQuery } from "./usage-params";

describe("usage URL parameters", () => {
  it("read the range, the key and the top-N", () => {
    expect(parseUsageParams({ range: "30d", key: "ck_123", top: "20" })).toEqual({ range: "30d", keyId: "ck_123", top: 20 });
  });

  it("fall back to the defaults for anything they do not recognise", () => {
    expect(parseUsageParams({})).toEqual(DEFAULT_USAGE_PARAMS);
    expect(parseUsageParams({ range: "forever", key: "x y';--", top: "7" })).toEqual(DEFAULT_USAGE_PARAMS);
    expect(parseUsageParams({ range: ["24h", "7d"], top: ["10"] })).toEqual({ range: "24h", keyId: null, top: 10 });
  });

  it("write only what differs from the defaults, and read back what they wrote", () => {
    expect(usageParamsQuery(DEFAULT_USAGE_PARAMS)).toBe("");
    const params = { range: "90d", keyId: "ck_9", top: 10 } as const;
    const query = usageParamsQuery(params);
    expect(query).toBe("?range=90d&key=ck_9&top=10");
    expect(parseUsageParams(Object.fromEntries(new URLSearchParams(query)))).toEqual(params);
  });

  it("tell a URL that says exactly what the page shows from one to rewrite", () => {
    const view = { range: "30d", keyId: "ck_1", top: 10 } as const;
    expect(isCanonicalUsageQuery({ top: "10", range: "30d", key: "ck_1" }, view)).toBe(true);
    expect(isCanonicalUsageQuery({}, DEFAULT_USAGE_PARAMS)).toBe(true);
    expect(isCanonicalUsageQuery({ range: "7d" }, DEFAULT_USAGE_PARAMS)).toBe(false); // a default spelled out
    expect(isCanonicalUsageQuery({ range: "forever" }, DEFAULT_USAGE_PARAMS)).toBe(false);
    expect(isCanonicalUsageQuery({ range: "30d", key: "gone", top: "10" }, { ...view, keyId: null })).toBe(false);
    expect(isCanonicalUsageQuery({ range: "30d", key: "ck_1", top: "10", utm: "x" }, view)).toBe(false);
    expect(isCanonicalUsageQuery({ range: ["30d", "30d"], key: "ck_1", top: "10" }, view)).toBe(false);
  });
});
