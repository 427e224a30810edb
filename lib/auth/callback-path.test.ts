import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "./callback-path";

describe("safeCallbackPath", () => {
  it.each([
    [undefined, "/projects"],
    ["/projects/acme/settings", "/projects/acme/settings"],
    ["//evil.example/x", "/projects"],
    ["/\\evil.example", "/projects"],
    ["https://evil.example/steal", "/steal"],
    ["javascript:alert(1)", "/projects"],
    ["/login?callbackUrl=/x", "/projects"],
  ])("%s → %s", (input, expected) => {
    expect(safeCallbackPath(input)).toBe(expected);
  });
});
