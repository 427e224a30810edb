import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "./callback-path";
import { REDIRECT_BYPASSES } from "./redirect-bypasses";

const APP = "https://keys.example.com";

/** Where a browser ends up when the app answers `Location: <path>`. */
const landing = (path: string) => {
  // Browsers strip leading/trailing C0 controls and space, and tabs and newlines anywhere, before parsing.
  const cleaned = path.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, "").replace(/[\t\n\r]/g, "");
  return new URL(cleaned, APP);
};

describe("safeCallbackPath", () => {
  it.each([
    [undefined, "/projects"],
    [["/projects", "/x"], "/projects"],
    [["//evil.example"], "/projects"],
    ["/projects/acme/settings", "/projects/acme/settings"],
    ["/projects?view=all", "/projects?view=all"],
    ["/projects/acme/keys?q=hello%20world", "/projects/acme/keys?q=hello%20world"],
    ["//evil.example/x", "/projects"],
    ["/\\evil.example", "/projects"],
    ["https://evil.example/steal", "/steal"],
    ["javascript:alert(1)", "/projects"],
    ["/login?callbackUrl=/x", "/projects"],
    ["/./login", "/projects"],
  ])("%s → %s", (input, expected) => {
    expect(safeCallbackPath(input)).toBe(expected);
  });

  // Finding 1 of the security review. Each corpus entry is a query-string
  // value: decoded once, as the login page receives it.
  it.each(REDIRECT_BYPASSES)("keeps %s on the app's origin", (bypass) => {
    const received = new URLSearchParams(`callbackUrl=${bypass.replace(/\+/g, "%2B")}`).get("callbackUrl");
    const path = safeCallbackPath(received);
    expect(path.startsWith("/")).toBe(true);
    expect(landing(path).origin).toBe(APP);
    // No character a browser would strip or turn into a slash survives.
    expect(path).not.toMatch(/[\u0000-\u0020\u007f\\]/);
    expect(path).not.toMatch(/^\/[/\\]/);
  });
});
