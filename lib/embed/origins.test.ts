import { describe, expect, it } from "vitest";
import { allowedOrigins, normaliseOrigin } from "./origins";

describe("normaliseOrigin", () => {
  it.each([
    ["https://partner.example.com", "https://partner.example.com"],
    ["https://Partner.Example.com:8443/", "https://partner.example.com:8443"],
    ["  https://a.example  ", "https://a.example"],
    ["http://localhost:5173", "http://localhost:5173"],
    ["https://partner.example.com:443", "https://partner.example.com"],
    ["https://bücher.example", "https://xn--bcher-kva.example"],
    ["https://BÜCHER.example:8443", "https://xn--bcher-kva.example:8443"],
    ["https://xn--bcher-kva.example", "https://xn--bcher-kva.example"],
    ["https://127.0.0.1:9000", "https://127.0.0.1:9000"],
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
    // Finding 4 of the security review: characters the URL parser lets
    // through in host names, which would cut or extend frame-ancestors.
    "https://a;b.example",
    "https://a.example;script-src",
    "https://a,b.example",
    "https://x'y.example",
    'https://x"y.example',
    "https://a(b).example",
    "https://a$b.example",
    "https://a&b.example",
    "https://a!b.example",
    "https://a=b.example",
    "https://a+b.example",
    "https://a~b.example",
    "https://a_b.example",
    "https://a{b}.example",
    "https://-leading.example",
    "https://trailing-.example",
    "https://a..b.example",
    "https://partner.example.",
    `https://${"a".repeat(64)}.example`,
    "https://[::1]",
  ])("refuses %j with a message", (input) => {
    const result = normaliseOrigin(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message.length).toBeGreaterThan(10);
  });
});

describe("allowedOrigins", () => {
  it("never lets a character outside [a-z0-9.:/-] reach frame-ancestors", () => {
    const inputs = Array.from({ length: 128 - 33 }, (_, i) => `https://a${String.fromCharCode(33 + i)}b.example`);
    for (const input of inputs) {
      const result = normaliseOrigin(input);
      if (result.ok) expect(result.origin, input).toMatch(/^https:\/\/[a-z0-9.-]+(:[0-9]+)?$/);
    }
  });

  it("drops blanks and duplicates", () => {
    expect(allowedOrigins.parse(["https://a.example", "", "https://A.example/"])).toEqual(["https://a.example"]);
  });

  it("reports every bad origin", () => {
    const result = allowedOrigins.safeParse(["https://ok.example", "http://bad.example", "https://x.example/path"]);
    expect(result.success).toBe(false);
    expect(result.error?.issues).toHaveLength(2);
  });
});
