import { afterEach, describe, expect, it } from "vitest";
import { findChromium } from "./chromium";

const saved = { CHROMIUM_PATH: process.env.CHROMIUM_PATH, PATH: process.env.PATH };
afterEach(() => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

describe("findChromium", () => {
  it("takes CHROMIUM_PATH when it is an executable", () => {
    process.env.CHROMIUM_PATH = process.execPath;
    expect(findChromium()).toBe(process.execPath);
  });

  it("refuses a CHROMIUM_PATH that is not an executable, naming it", () => {
    process.env.CHROMIUM_PATH = "/nonexistent/chromium";
    expect(() => findChromium()).toThrow("CHROMIUM_PATH is /nonexistent/chromium, which is not an executable file.");
  });
});
