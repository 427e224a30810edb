import { describe, expect, it } from "vitest";
import { allowedOrigins, normaliseOrigin } from "./origins";

describe("normaliseOrigin", () => {
  it.each([
    ["https://partner.example.com", "https://partner.example.com"],
    ["https://Partner.Example.com:8443/", "https://partner.example.com:8443"],
    ["  https://a.example  ", "https://a.example"],
    ["http://localhost:5173", "http://localhost:5173"],
    ["https://partner.example.com:443", "https://partner.example.com"],
  ])("accepts %s as %s", (input, origin) => {
    expect(normaliseOrigin(input)).toEqual({ ok: true, origin });
  });

  it.each([
    "http://partner.example.com",
    "https://partner.example.com/embed",
    "https://partner.example.com?x=1",
    "https://partner.example.com#top",
    "https://user:pw@partner.example.com",
    "https://*.example.com",
    "partner.example.com",
    "javascript:alert(1)",
    "",
  ])("refuses %j with a message", (input) => {
    const result = normaliseOrigin(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message.length).toBeGreaterThan(10);
  });
});

describe("allowedOrigins", () => {
  it("drops blanks and duplicates", () => {
    expect(allowedOrigins.parse(["https://a.example", "", "https://A.example/"])).toEqual(["https://a.example"]);
  });

  it("reports every bad origin", () => {
    const result = allowedOrigins.safeParse(["https://ok.example", "http://bad.example", "https://x.example/path"]);
    expect(result.success).toBe(false);
    expect(result.error?.issues).toHaveLength(2);
  });
});
