import { describe, expect, it } from "vitest";
import { generateKey } from "./format";
import { classifySearchText } from "./shape";

describe("classifySearchText", () => {
  const key = generateKey("kd", "live");

  it("finds a whole key, alone or inside pasted text, for every prefix and environment", () => {
    expect(classifySearchText(`  ${key}\n`)).toEqual({ kind: "full-key", key });
    expect(classifySearchText(`Authorization: Bearer ${key}`)).toEqual({ kind: "full-key", key });
    for (const other of [generateKey("acme", "test"), generateKey("ab", "sandbox")]) {
      expect(classifySearchText(other)).toEqual({ kind: "full-key", key: other });
    }
  });

  it("holds back a key's start that reveals more than its hint", () => {
    expect(classifySearchText(key.slice(0, 13))).toEqual({ kind: "key-fragment" });
    expect(classifySearchText(`${key}x`)).toEqual({ kind: "key-fragment" });
  });

  it("lets names, hints and short prefixes through as search terms", () => {
    expect(classifySearchText(" Billing ")).toEqual({ kind: "text", text: "Billing" });
    expect(classifySearchText(key.slice(0, 12))).toEqual({ kind: "text", text: key.slice(0, 12) });
    expect(classifySearchText(`${key.slice(0, 12)}…${key.slice(-4)}`)).toEqual({ kind: "text", text: `${key.slice(0, 12)}…${key.slice(-4)}` });
    expect(classifySearchText("live_")).toEqual({ kind: "text", text: "live_" });
  });
});
