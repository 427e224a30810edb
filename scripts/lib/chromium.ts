import { accessSync, constants, existsSync } from "node:fs";
import path from "node:path";
import { chromium } from "@playwright/test";

// The browser the end-to-end tests drive: CHROMIUM_PATH, else the system's
// Chromium, else the one `npx playwright install chromium` downloads.
// scripts/test.ts resolves it before building (and passes it on in
// CHROMIUM_PATH), so a missing browser fails the run at once.

const SYSTEM_PATHS = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];
const ON_PATH = ["chromium", "chromium-browser"];

function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter).filter(Boolean)) {
    const file = path.join(dir, name);
    if (executable(file)) return file;
  }
  return undefined;
}

export function findChromium(): string {
  const given = process.env.CHROMIUM_PATH?.trim();
  if (given) {
    if (!executable(given)) throw new Error(`CHROMIUM_PATH is ${given}, which is not an executable file.`);
    return given;
  }
  const found = SYSTEM_PATHS.find(executable) ?? ON_PATH.map(onPath).find(Boolean);
  if (found) return found;
  const playwrights = chromium.executablePath();
  if (playwrights && existsSync(playwrights)) return playwrights;
  throw new Error(
    [
      "No Chromium for the end-to-end tests. Install one, then run the tests again:",
      "  Debian or Ubuntu:  apt-get install chromium   (as root)",
      "  elsewhere:         npx playwright install chromium",
      "  or point CHROMIUM_PATH at a Chromium or Chrome binary.",
    ].join("\n"),
  );
}
