// `npm run test:faults`: fault scenarios against real API service processes
// (the esbuild bundle of `npm run build:api`) on a fresh database, each
// under a verify load from a separate process (scripts/faults/load.ts).
//   npm run test:faults -- [--only outage,outage-closed,saturation,sigterm,soak,flood] [--soak-minutes 10] [--soak-rate 2000] [--flood-rate 5000]
// 1. outage: PostgreSQL "stopped" for 10 s (a TCP proxy that resets and
//    refuses connections: the shared server itself is never stopped), at the
//    default outage grace (outage) and with none (outage-closed);
// 2. saturation: the lookup pool saturated by queries hanging on a lock;
// 3. sigterm: SIGTERM during load;
// 4. soak: a steady rate for N minutes, memory sampled from the service;
// 5. flood: one client floods unknown keys while another verifies new ones.
// Prints PASS/FAIL lines and figures, writes .data/faults/results.json, and
// exits non-zero on any failure. Not part of `npm test`: the default soak
// alone takes 10 minutes.

import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { createTestDatabase } from "../lib/test-database";
import { bundle, root, Scenario, work } from "./harness";
import { outage } from "./outage";
import { saturation } from "./saturation";
import { flood } from "./flood";
import { sigterm } from "./sigterm";
import { soak } from "./soak";
import { bundleForNode } from "../lib/api-bundle";

// The dashboard's side of the scenarios (revokeKey) runs in this process with
// the development defaults: with NODE_ENV unset Keydeck means production, and
// production requires a Keycloak and secrets this harness has no use for.
// (The API processes it starts run in production mode: see harness.ts.)
Object.assign(process.env, { NODE_ENV: process.env.NODE_ENV || "test" });

const SCENARIOS = ["outage", "outage-closed", "saturation", "sigterm", "soak", "flood"] as const;
type ScenarioName = (typeof SCENARIOS)[number];

const { values } = parseArgs({
  options: { only: { type: "string" }, "soak-minutes": { type: "string", default: "10" }, "soak-rate": { type: "string", default: "2000" }, "flood-rate": { type: "string", default: "5000" } },
});
const selected = (values.only?.split(",") ?? [...SCENARIOS]) as ScenarioName[];
const unknown = selected.filter((name) => !SCENARIOS.includes(name));
if (unknown.length) {
  console.error(`unknown scenario(s): ${unknown.join(", ")}; choose from ${SCENARIOS.join(", ")}`);
  process.exit(2);
}
const soakMinutes = Number(values["soak-minutes"]);
const soakRate = Number(values["soak-rate"]);
const floodRate = Number(values["flood-rate"]);

async function main() {
  mkdirSync(work, { recursive: true });
  console.log(`[faults] building the API service bundle (esbuild, as npm run build:api)`);
  bundleForNode("server/main.ts", bundle, ["--sourcemap"]);
  const database = await createTestDatabase("faults");
  console.log(`[faults] database: on ${database.server}`);
  // The dashboard's side (revokeKey) runs in this process, on the same fresh database.
  process.env.DATABASE_URL = database.url;
  const run: Scenario[] = [];
  const startedAt = new Date();
  try {
    for (const name of selected) {
      const scenario = new Scenario(name);
      run.push(scenario);
      const began = Date.now();
      console.log(`\n[faults] scenario ${name}`);
      try {
        if (name === "outage") await outage(database.url, scenario);
        if (name === "outage-closed") await outage(database.url, scenario, { graceMs: 0 });
        if (name === "saturation") await saturation(database.url, scenario);
        if (name === "sigterm") await sigterm(database.url, scenario);
        if (name === "soak") await soak(database.url, scenario, { minutes: soakMinutes, rate: soakRate });
        if (name === "flood") await flood(database.url, scenario, { rate: floodRate });
      } catch (error) {
        scenario.check("ran to the end", false, error instanceof Error ? (error.stack ?? error.message) : String(error));
      }
      scenario.figure("duration s", Math.round((Date.now() - began) / 1000));
    }
  } finally {
    const { db } = await import("../../lib/db");
    await db.$disconnect();
    await database.drop();
  }
  console.log("\n[faults] summary");
  for (const scenario of run) console.log(`[faults] ${scenario.passed ? "PASS" : "FAIL"} ${scenario.name} (${scenario.checks.filter((c) => c.ok).length}/${scenario.checks.length} checks)`);
  writeFileSync(
    path.join(work, "results.json"),
    JSON.stringify(
      {
        at: startedAt.toISOString(),
        machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version },
        options: { scenarios: selected, soakMinutes, soakRate, floodRate },
        passed: run.every((s) => s.passed),
        scenarios: run.map((s) => ({ name: s.name, passed: s.passed, checks: s.checks, figures: s.figures })),
      },
      null,
      2,
    ),
  );
  console.log(`[faults] results: ${path.relative(root, path.join(work, "results.json"))}`);
  if (!run.every((s) => s.passed)) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
