// `npm test`: every check, in order, on a fresh database; prints one summary
// line ("Tests: N passed, N failed") at the end. `npm test -- e2e` (or unit,
// integration, typecheck, lint, build) runs only the named steps; spec files
// after them narrow the e2e step (`npm test -- e2e e2e/security/csrf.spec.ts`).
// The database server (see lib/test-database-server.ts) and the browser (see
// lib/chromium.ts) are found before the first step, so that a missing one
// fails the run at once, and one server serves every step.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { findChromium } from "./lib/chromium";
import { createTestDatabase } from "./lib/test-database";
import { acquireTestDatabaseServer, type TestDatabaseServer } from "./lib/test-database-server";

type Counts = { passed: number; failed: number; skipped: number };
type Step = { name: string; run: () => Promise<Counts | null> };

const bin = (name: string) => `node_modules/.bin/${name}`;

function run(command: string, args: string[], env: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: "inherit", env: { ...process.env, ...env } });
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function checked(command: string, args: string[], env?: Record<string, string>): Promise<void> {
  const code = await run(command, args, env);
  if (code !== 0) throw new StepFailed(`${command} ${args.join(" ")} exited with ${code}`);
}

class StepFailed extends Error {}

function readJson<T>(path: string): T | null {
  return existsSync(path) ? (JSON.parse(readFileSync(path, "utf8")) as T) : null;
}

const vitestStep = (project: "unit" | "integration"): Step => ({
  name: project,
  async run() {
    // Its own file on an embedded server: .ci/run runs that step beside `npm test`.
    const report = `test-results/vitest-${project}${process.env.TEST_DATABASE === "embedded" ? "-embedded" : ""}.json`;
    rmSync(report, { force: true });
    const code = await run(bin("vitest"), ["run", "--project", project, "--reporter=default", "--reporter=json", `--outputFile=${report}`]);
    const json = readJson<{ numPassedTests: number; numFailedTests: number; numPendingTests: number; numTotalTests: number }>(report);
    const counts = json
      ? { passed: json.numPassedTests, failed: json.numFailedTests, skipped: json.numPendingTests }
      : { passed: 0, failed: 1, skipped: 0 };
    if (code !== 0 && counts.failed === 0) counts.failed = 1; // e.g. a file that failed to load
    if (json && json.numTotalTests === 0) throw new StepFailed(`no ${project} tests ran`);
    return counts;
  },
});

const steps: Step[] = [
  { name: "typecheck", run: () => checked(bin("tsc"), ["--noEmit", "-p", "."]).then(() => null) },
  { name: "lint", run: () => checked(bin("eslint"), [".", "--max-warnings=0"]).then(() => null) },
  vitestStep("unit"),
  vitestStep("integration"),
  {
    name: "build",
    // The production builds, as deployed; they need no database or secrets.
    run: async () => {
      await checked(bin("next"), ["build"], { NODE_ENV: "production" });
      await checked("npm", ["run", "--silent", "build:api"]);
      return null;
    },
  },
  {
    name: "e2e",
    async run() {
      const database = await createTestDatabase("e2e");
      const report = "test-results/e2e.json";
      rmSync(report, { force: true });
      try {
        await run(bin("playwright"), ["test", ...specFiles], { DATABASE_URL: database.url });
      } finally {
        await database.drop();
      }
      const json = readJson<{ stats: { expected: number; unexpected: number; flaky: number; skipped: number } }>(report);
      if (!json) return { passed: 0, failed: 1, skipped: 0 };
      const { expected, unexpected, flaky, skipped } = json.stats;
      if (expected + unexpected + flaky === 0) throw new StepFailed("no end-to-end tests ran");
      return { passed: expected, failed: unexpected + flaky, skipped };
    },
  },
];

const args = process.argv.slice(2);
const specFiles = args.filter((arg) => arg.endsWith(".ts"));

async function main() {
  const only = args.filter((arg) => !specFiles.includes(arg));
  const unknown = only.filter((name) => !steps.some((s) => s.name === name));
  if (unknown.length) {
    console.error(`Unknown step(s): ${unknown.join(", ")}. Steps: ${steps.map((s) => s.name).join(", ")}`);
    process.exit(2);
  }
  const selected = steps.filter((s) => only.length === 0 || only.includes(s.name));
  const needs = (name: string) => selected.some((s) => s.name === name);
  try {
    if (needs("e2e")) {
      process.env.CHROMIUM_PATH = findChromium();
      console.log(`Browser: ${process.env.CHROMIUM_PATH}`);
    }
    if (needs("integration") || needs("e2e")) {
      server = await acquireTestDatabaseServer();
      // The steps' own processes (vitest, Playwright) make their databases on it too.
      process.env.TEST_DATABASE_ADMIN_URL = server.adminUrl;
      console.log(`Test databases: on ${server.description}`);
    }
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    console.log("Tests: 0 passed, 1 failed, 0 skipped");
    process.exit(1);
  }
  mkdirSync("test-results", { recursive: true });
  const total: Counts = { passed: 0, failed: 0, skipped: 0 };
  const timings: string[] = [];
  let broken: string | null = null;
  for (const step of selected) {
    const started = Date.now();
    console.log(`\n━━ ${step.name} ━━`);
    try {
      const counts = await step.run();
      if (counts) {
        total.passed += counts.passed;
        total.failed += counts.failed;
        total.skipped += counts.skipped;
        if (counts.failed > 0) broken ??= step.name;
      }
    } catch (error) {
      broken ??= step.name;
      console.error(error instanceof StepFailed ? error.message : error);
    }
    timings.push(`${step.name} ${((Date.now() - started) / 1000).toFixed(1)}s`);
    if (broken) break;
  }
  console.log(`\n${timings.join(" · ")}`);
  if (broken) console.log(`Failed at: ${broken}`);
  if (broken && total.failed === 0) total.failed = 1;
  console.log(`Tests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
  await server?.release();
  process.exit(broken ? 1 : 0);
}

let server: TestDatabaseServer | undefined;

// Ctrl-C reaches the steps' processes too (same process group); this one
// stops the embedded server, if it started one, once they have gone.
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.once(signal, () => {
    void (server?.release() ?? Promise.resolve()).finally(() => process.exit(130));
  });
}

void main();
