import { afterEach, describe, expect, it, vi } from "vitest";
import { findChromium } from "./chromium";

afterEach(() => vi.unstubAllEnvs());

describe("findChromium", () => {
  it("takes CHROMIUM_PATH when it is an executable", () => {
    vi.stubEnv("CHROMIUM_PATH", process.execPath);
    expect(findChromium()).toBe(process.execPath);
  });

  it("refuses a CHROMIUM_PATH that is not an executable, naming it", () => {
    vi.stubEnv("CHROMIUM_PATH", "/nonexistent/chromium");
    expect(() => findChromium()).toThrow("CHROMIUM_PATH is /nonexistent/chromium, which is not an executable file.");
  });
});
