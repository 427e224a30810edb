// `npm run bench`: the verification API's throughput and latency, against
// the same verification function in a plain node:http server and behind a
// Next.js route handler. Not part of `npm test` (it takes a few minutes).
//   npm run bench -- [--seconds 10] [--connections 8,64] [--rounds 2] [--skip-next] [--baseline <git ref>]
// Seeds a fresh database on the local PostgreSQL (dropped at the end), builds
// and starts each server in turn, and loads POST /api/v1/verify on loopback
// with autocannon (scripts/bench/load.ts, a process of its own). Prints a
// table, the ratios, the in-process cost of a cached verification, and
// whether the usage each server recorded equals the sum of the costs of the
// 200 responses its clients received. Results go to .data/bench/results.json.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { createTestDatabase } from "../lib/test-database";
import { findFreePort, waitFor } from "../lib/processes";
import { verifyEach } from "../lib/verify-each";
import type { LoadResult } from "./load";
import { applyPolicy, KEYS, POLICY_FIELDS, POOL, recordedUnits, removePolicy, seed } from "./seed";
import { bundleForNode } from "../lib/api-bundle";
import { fmt, log, node, root, runLoad, stop } from "./runner";

const work = path.join(root, ".data/bench");
const WARMUP_SECONDS = 3;

/** `policy`: the keys get their policy before this target starts, and every request sends POLICY_FIELDS. */
/** `round`: 0 for the references run once (empty, next), else the round of plain / API / API-with-policy it belongs to. */
type Target = { name: string; label: string; round: number; start: (port: number, env: NodeJS.ProcessEnv) => ChildProcess; verifies?: false; policy?: true };

// The machine's ceiling for reference: node:http answering a fixed body, no verification.
const EMPTY_SERVER = `require("node:http").createServer((req, res) => { req.resume(); req.on("end", () => res.writeHead(200, { "content-type": "application/json" }).end('{"valid":true}')); }).listen(Number(process.env.API_PORT), "127.0.0.1");`;

const { values } = parseArgs({
  options: {
    seconds: { type: "string", default: "10" },
    connections: { type: "string", default: "8,64" },
    rounds: { type: "string", default: "2" },
    "skip-next": { type: "boolean", default: false },
    // Only these targets (by name: empty, plain, next, api, api-baseline, api-policy), e.g. `--only plain,api`.
    only: { type: "string" },
    // CPU profiles of the plain server and the API service, in .data/bench/profiles/ (see profile-summary.ts).
    profile: { type: "boolean", default: false },
    // The API service as of a git ref (commit, branch, tag), run in every
    // round beside this checkout's: what a change moved, measured in the same
    // run on the same machine (target name api-baseline).
    baseline: { type: "string" },
  },
});
const seconds = Number(values.seconds);
const rounds = Number(values.rounds);
const only = values.only?.split(",");
const profileDir = path.join(work, "profiles");
/** Node flags that write a CPU profile of the target on exit (SIGTERM), named after it. */
let profiles = 0;
// Every 200 µs (V8's default is 1 ms): the stalls profile-summary.ts reports are a few ms long.
const profiled = (name: string) =>
  values.profile ? ["--cpu-prof", "--cpu-prof-interval=200", `--cpu-prof-dir=${profileDir}`, `--cpu-prof-name=${name}-${++profiles}.cpuprofile`] : [];
const connectionCounts = values.connections!.split(",").map(Number);


const BASELINE_BUNDLE = path.join(work, "api-baseline.cjs");

/** The API service's source as of `ref` (git archive, outside the checkout's build and lint), bundled like this one's. */
function buildBaseline(ref: string) {
  log(`building the API service as of ${ref} (the baseline)`);
  const dir = path.join(work, "baseline");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const archive = execFileSync("git", ["archive", "--format=tar", ref], { cwd: root, maxBuffer: 1 << 30 });
  execFileSync("tar", ["-x", "-C", dir], { input: archive });
  // Its packages are this checkout's node_modules (the bundle keeps them external).
  bundleForNode(path.join(dir, "server/main.ts"), BASELINE_BUNDLE);
  // The bundle is all the run needs: no second source tree left under .data/.
  rmSync(dir, { recursive: true, force: true });
}

function buildServers(withNext: boolean) {
  log("building the API service and the plain server (esbuild)");
  bundleForNode("server/main.ts", "dist/api/main.cjs");
  bundleForNode("scripts/bench/plain-server.ts", `${work}/plain-server.cjs`);
  if (values.baseline) buildBaseline(values.baseline);
  if (!withNext) return;
  // A minimal Next app of its own, generated under .data/ (outside the
  // dashboard's build, lint and typecheck), whose one route is
  // scripts/bench/next-app/route.ts. It brings its own (empty)
  // instrumentation, or Next would pick up the dashboard's.
  log("building the Next.js route-handler app (next build)");
  const app = path.join(work, "next-app");
  rmSync(app, { recursive: true, force: true });
  mkdirSync(path.join(app, "app/api/v1/verify"), { recursive: true });
  cpSync(path.join(root, "scripts/bench/next-app/route.ts"), path.join(app, "app/api/v1/verify/route.ts"));
  writeFileSync(path.join(app, "app/layout.tsx"), "export default function Layout({ children }: { children: React.ReactNode }) {\n  return <html><body>{children}</body></html>;\n}\n");
  writeFileSync(path.join(app, "instrumentation.ts"), "export function register() {}\n");
  writeFileSync(
    path.join(app, "next.config.mjs"),
    `export default { turbopack: { root: ${JSON.stringify(root)} }, outputFileTracingRoot: ${JSON.stringify(root)}, serverExternalPackages: ["pg", "ioredis", "rate-limiter-flexible"], typescript: { ignoreBuildErrors: true } };\n`,
  );
  writeFileSync(
    path.join(app, "tsconfig.json"),
    JSON.stringify({ compilerOptions: { target: "ES2022", module: "esnext", moduleResolution: "bundler", jsx: "react-jsx", strict: true, skipLibCheck: true, baseUrl: ".", paths: { "@/*": [`${path.relative(app, root)}/*`] } } }),
  );
  execFileSync(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "build"], {
    cwd: app,
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
}

const plainTarget = (round: number): Target => ({
  name: "plain",
  label: `plain node:http${round > 1 ? `, round ${round}` : ""}`,
  round,
  start: (port, env) => node([...profiled("plain"), `${work}/plain-server.cjs`], { ...env, API_PORT: String(port) }),
});
const apiTarget = (round: number, policy: boolean): Target => ({
  name: policy ? "api-policy" : "api",
  label: `API service${policy ? ", key policy" : " (Fastify)"}${round > 1 ? `, round ${round}` : ""}`,
  round,
  start: (port, env) => node([...(policy ? [] : profiled("api")), "--enable-source-maps", "dist/api/main.cjs"], { ...env, API_PORT: String(port) }),
  ...(policy && { policy: true as const }),
});

const baselineTarget = (round: number): Target => ({
  name: "api-baseline",
  label: `API service as of ${values.baseline}${round > 1 ? `, round ${round}` : ""}`,
  round,
  start: (port, env) => node([...profiled("api-baseline"), "--enable-source-maps", BASELINE_BUNDLE], { ...env, API_PORT: String(port) }),
});

/** One round: the plain server, the API service (and its baseline, the two swapping places every round so neither always runs first), the API service with a policy. */
function round(n: number): Target[] {
  const api = apiTarget(n, false);
  const pair = values.baseline ? (n % 2 ? [baselineTarget(n), api] : [api, baselineTarget(n)]) : [api];
  return [plainTarget(n), ...pair, apiTarget(n, true)];
}

const targets: Target[] = [
  { name: "empty", label: "empty node:http (no verification)", round: 0, start: (port, env) => node(["-e", EMPTY_SERVER], { ...env, API_PORT: String(port) }), verifies: false },
  {
    name: "next",
    label: "Next.js route handler",
    round: 0,
    start: (port, env) =>
      node([path.join(root, "node_modules/next/dist/bin/next"), "start", "--port", String(port), "--hostname", "127.0.0.1"], { ...env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" }, path.join(work, "next-app")),
  },
  // Rounds of plain server, API service, API service with every key under a
  // policy (issue 17): on shared cores the machine's speed drifts within a
  // run, so each API figure is compared with the plain server's of its own
  // round, and the rounds are summed.
  ...Array.from({ length: rounds }, (_, i) => round(i + 1)).flat(),
];

/**
 * A load run, the server's CPU time (user + system) per request it
 * answered, and how long its event loop's thread was ready to run but waited
 * for a core, in ms per second of the run; and who used the machine's
 * cores meanwhile.
 */
type Run = LoadResult & { cpuMicrosPerRequest: number | null; runQueueMsPerSecond: number | null; cores: CoreUse | null };

/** Cores in use on average during a run: the server, PostgreSQL (all its processes), everything else (the load generator…), and stolen by the hypervisor. */
type CoreUse = { server: number; postgres: number; rest: number; steal: number; of: number };

const cpuText = (run: Run) => (run.cpuMicrosPerRequest === null ? "n/a" : run.cpuMicrosPerRequest.toFixed(1));
const waitText = (run: Run) => (run.runQueueMsPerSecond === null ? "n/a" : run.runQueueMsPerSecond.toFixed(0));
const coresText = ({ cores: c }: Run) =>
  c === null ? "n/a" : `${c.server.toFixed(2)} + ${c.postgres.toFixed(2)} + ${c.rest.toFixed(2)} (steal ${c.steal.toFixed(2)}) of ${c.of}`;

// Clock ticks per second of /proc's CPU times (100 on Linux unless the kernel says otherwise).
const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/**
 * CPU time a process has used so far, in ms: utime + stime from
 * /proc/<pid>/stat (Linux; null elsewhere). Per request, it is what a
 * server costs, whatever else the shared cores are doing; req/s is not.
 */
function cpuTimeMs(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // After "(command)": state is field 3 of stat(5), utime 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return null;
  }
}

/**
 * Time the process's main thread (its event loop) has spent runnable but
 * waiting for a core, in ms: the second field of /proc/<pid>/task/<pid>/schedstat
 * (Linux with schedstats; null elsewhere). Every ms of it delays the requests
 * in flight, like a GC pause would, but it is the machine's doing: the load
 * generator, PostgreSQL and other processes want the same cores.
 */
function runQueueMs(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const [, waitedNs] = readFileSync(`/proc/${pid}/task/${pid}/schedstat`, "utf8").trim().split(" ");
    return waitedNs === undefined ? null : Number(waitedNs) / 1e6;
  } catch {
    return null;
  }
}

/** The machine's CPU time so far, all cores, in ms, from /proc/stat's "cpu" line (null elsewhere). */
function machineMs(): { busy: number; steal: number } | null {
  try {
    const line = readFileSync("/proc/stat", "utf8").split("\n").find((l) => l.startsWith("cpu "));
    // user nice system idle iowait irq softirq steal (guest times are inside user and nice).
    const [user, nice, system, , , irq, softirq, steal] = line!.trim().split(/\s+/).slice(1, 9).map((t) => (Number(t) * 1000) / CLOCK_TICKS);
    return { busy: user! + nice! + system! + irq! + softirq!, steal: steal! };
  } catch {
    return null;
  }
}

/** CPU time of every process named postgres (the local server and its backends) by pid, in ms. */
function postgresMs(): Map<number, number> {
  const byPid = new Map<number, number>();
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, "utf8").trim() === "postgres") byPid.set(Number(pid), cpuTimeMs(Number(pid)) ?? 0);
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return byPid;
}

/** PostgreSQL's CPU time between two readings: backends that ended meanwhile (an idle pool connection closed) are left out, not subtracted. */
function postgresDelta(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, ms] of after) total += ms - (before.get(pid) ?? 0);
  return total;
}

/** What a server and the machine have used so far: a run is measured between two of these. */
function usageSnapshot(pid: number | undefined) {
  return { server: cpuTimeMs(pid), waited: runQueueMs(pid), postgres: postgresMs(), machine: machineMs() };
}
type UsageSnapshot = ReturnType<typeof usageSnapshot>;

/**
 * A run's CPU per request, waits for a core and core use, from the snapshots
 * taken around it. Per second of the load itself: the snapshots also span
 * the load generator's start, a second or two in which the server idles
 * (the start's own CPU still counts in "rest", a little too high in short runs).
 */
function usageBetween(before: UsageSnapshot, after: UsageSnapshot, load: LoadResult): Pick<Run, "cpuMicrosPerRequest" | "runQueueMsPerSecond" | "cores"> {
  const elapsed = load.seconds * 1000;
  const requests = load.requests;
  const serverMs = before.server === null || after.server === null ? null : after.server - before.server;
  const postgres = postgresDelta(before.postgres, after.postgres) / elapsed;
  const machine =
    before.machine === null || after.machine === null
      ? null
      : { busy: (after.machine.busy - before.machine.busy) / elapsed, steal: (after.machine.steal - before.machine.steal) / elapsed };
  return {
    cpuMicrosPerRequest: serverMs === null ? null : (serverMs * 1000) / requests,
    runQueueMsPerSecond: before.waited === null || after.waited === null ? null : ((after.waited - before.waited) * 1000) / elapsed,
    cores:
      serverMs === null || machine === null
        ? null
        : { server: serverMs / elapsed, postgres, rest: Math.max(0, machine.busy - serverMs / elapsed - postgres), steal: machine.steal, of: availableParallelism() },
  };
}

type InProcess = { microsPerVerification: number; rounds: number[]; notSync: number; units: number };

function inProcess(env: NodeJS.ProcessEnv, keysFile: string, fields: Record<string, unknown> = {}): Promise<InProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/bench/in-process.ts", keysFile, JSON.stringify(fields)], {
      cwd: root,
      env,
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout!.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out.trim().split("\n").at(-1)!)) : reject(new Error(`in-process exited with ${code}`))));
  });
}


async function main() {
  mkdirSync(work, { recursive: true });
  const database = await createTestDatabase("bench");
  log(`database: on ${database.server}`);
  const running = new Set<ChildProcess>();
  const cleanup = async () => {
    for (const child of running) await stop(child);
    await database.drop();
  };
  process.on("SIGINT", () => void cleanup().then(() => process.exit(130)));
  try {
    log(`seeding ${fmt(KEYS)} keys, a pool of ${fmt(POOL)}`);
    const pool = await seed(database.url);
    const keysFile = path.join(work, "keys.json");
    writeFileSync(keysFile, JSON.stringify(pool));
    const withNext = !values["skip-next"];
    buildServers(withNext);

    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: database.url,
      API_HOST: "127.0.0.1",
      API_LOG_LEVEL: "warn",
      KEY_PREFIX: "kd",
      EMBED_ENCRYPTION_KEY: "bench-only-embed-encryption-key-0123456789",
    };
    const results: { target: Target; runs: Run[]; units200: number; recorded: number }[] = [];
    const measureInProcess = async (fields?: Record<string, unknown>) => {
      log(`measuring the in-process cost of a cached verification${fields ? ", key policy" : ""}`);
      const before = await recordedUnits(database.url);
      const inproc = await inProcess({ ...env, METERING_FLUSH_MS: "1000" }, keysFile, fields);
      return { ...inproc, recorded: (await recordedUnits(database.url)) - before };
    };
    let inproc: (InProcess & { recorded: number }) | undefined;
    let policyApplied = false;
    for (const target of targets.filter((t) => (withNext || t.name !== "next") && (!only || only.includes(t.name)))) {
      if (target.policy && !inproc) {
        // The baseline in-process figure needs keys without a policy: taken before they get one.
        inproc = await measureInProcess();
      }
      if (Boolean(target.policy) !== policyApplied) {
        log(target.policy ? "giving every key a policy: 10 CIDRs, a scoped permission set with a wildcard; projects get 8 permission names" : "taking the keys' policy away");
        await (target.policy ? applyPolicy(database.url) : removePolicy(database.url));
        policyApplied = !policyApplied;
      }
      const fields = target.policy ? POLICY_FIELDS : undefined;
      const port = await findFreePort();
      const url = `http://127.0.0.1:${port}`;
      const before = await recordedUnits(database.url);
      const child = target.start(port, env);
      running.add(child);
      await waitFor(`${target.label} on ${url}`, async () => {
        const response = await fetch(`${url}/api/v1/verify`, { method: "POST", headers: { authorization: `Bearer ${pool[0]}` }, body: JSON.stringify({ cost: 0, ...fields }) });
        return response.status === 200;
      }, { timeoutMs: 60_000, intervalMs: 250 });
      log(`${target.label}: warming up (every key once, then ${WARMUP_SECONDS} s of load)`);
      const warmKeys = target.verifies === false ? 0 : await verifyEach(url, pool, 32, fields);
      const warmup = await runLoad(url, 64, WARMUP_SECONDS, keysFile, fields);
      const runs: Run[] = [];
      for (const connections of connectionCounts) {
        log(`${target.label}: ${connections} connections for ${seconds} s`);
        const before = usageSnapshot(child.pid);
        const load = await runLoad(url, connections, seconds, keysFile, fields);
        const run: Run = { ...load, ...usageBetween(before, usageSnapshot(child.pid), load) };
        log(
          `  ${fmt(run.rps)} req/s, p50 ${run.p50Ms.toFixed(2)} ms, p99 ${run.p99Ms.toFixed(2)} ms, server CPU ${cpuText(run)} µs/request, waited for a core ${waitText(run)} ms/s, cores used (server + PostgreSQL + rest) ${coresText(run)}, statuses ${JSON.stringify(run.statuses)}`,
        );
        runs.push(run);
      }
      // Every server flushes at least once a second; the Next route's service
      // has no SIGTERM hook of its own (Next owns the process), so wait for it.
      await new Promise((resolve) => setTimeout(resolve, 2500));
      await stop(child); // the API service and the plain server also flush on SIGTERM
      running.delete(child);
      const units200 = warmKeys + [warmup, ...runs].reduce((sum, r) => sum + r.unitsOf200, 0);
      const recorded = (await recordedUnits(database.url)) - before;
      results.push({ target, runs, units200: target.verifies === false ? 0 : units200, recorded });
    }

    inproc ??= await measureInProcess();
    if (!policyApplied && targets.some((t) => t.policy)) await applyPolicy(database.url);
    const inprocPolicy = targets.some((t) => t.policy) ? await measureInProcess(POLICY_FIELDS) : undefined;
    const inprocRecorded = inproc.recorded;

    // Each figure against the plain server of its own round (the references, run once, against the first round's).
    const plainOf = (round: number) => results.find((r) => r.target.name === "plain" && r.target.round === Math.max(round, 1));
    const lines = [
      "",
      `| server | connections | requests/s | p50 ms | p99 ms | vs plain | server CPU µs/request | waited for a core ms/s | cores: server + PostgreSQL + rest | non-200 |`,
      `| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |`,
    ];
    for (const { target, runs } of results) {
      const plain = plainOf(target.round);
      runs.forEach((run, i) => {
        const ratio = plain ? `${((run.rps / plain.runs[i]!.rps) * 100).toFixed(0)}%` : "";
        const non200 = Object.entries(run.statuses).filter(([s]) => s !== "200").reduce((n, [, c]) => n + c, 0) + run.errors;
        lines.push(`| ${target.label} | ${run.connections} | ${fmt(run.rps)} | ${run.p50Ms.toFixed(2)} | ${run.p99Ms.toFixed(2)} | ${ratio} | ${cpuText(run)} | ${waitText(run)} | ${coresText(run)} | ${non200} |`);
      });
    }
    lines.push("");
    for (const { target, units200, recorded } of results.filter((r) => r.target.verifies !== false)) {
      lines.push(`- ${target.label}: usage recorded ${fmt(recorded)} units, sum of the 200 responses' costs ${fmt(units200)}: ${recorded === units200 ? "exact" : "MISMATCH"}`);
    }
    lines.push(
      ...[inproc, inprocPolicy]
        .filter((m) => m !== undefined)
        .map(
          (m, i) =>
            `- in-process cached verification${i ? " with the key policy" : ""}: ${m.microsPerVerification.toFixed(2)} µs (median of ${m.rounds.length} rounds of ${fmt(2_000_000)} calls: ${m.rounds.map((r) => r.toFixed(2)).join(", ")} µs); recorded ${fmt(m.recorded)} units for ${fmt(m.units)} counted${m.notSync ? `, ${m.notSync} calls were not synchronous` : ""}`,
        ),
    );
    const targetsMet = [
      `cached verification ≤ 5 µs: ${inproc.microsPerVerification.toFixed(2)} µs${inprocPolicy ? `; with the key policy ${inprocPolicy.microsPerVerification.toFixed(2)} µs` : ""}`,
      `exact counts: ${results.every((r) => r.recorded === r.units200) && inprocRecorded === inproc.units && (!inprocPolicy || inprocPolicy.recorded === inprocPolicy.units) ? "yes" : "NO"}`,
    ];
    // Each side's runs summed over the rounds, per connection count.
    const side = (name: string) => results.filter((r) => r.target.name === name);
    const [api, plain, policy, baseline] = ["api", "plain", "api-policy", "api-baseline"].map(side) as [typeof results, typeof results, typeof results, typeof results];
    const total = (runsOf: typeof results, i: number) => runsOf.reduce((sum, r) => sum + r.runs[i]!.rps, 0);
    const percent = (a: typeof results, b: typeof results) =>
      connectionCounts.map((c, i) => `${((total(a, i) / total(b, i)) * 100).toFixed(0)}% at ${c}`).join(", ");
    const perRound = (a: typeof results, b: typeof results) =>
      a.map((r, k) => connectionCounts.map((_, i) => `${((r.runs[i]!.rps / b[k]!.runs[i]!.rps) * 100).toFixed(0)}%`).join(" / ")).join("; ");
    /** Server CPU µs per request, averaged over the rounds, per connection count (null where /proc could not be read). */
    const cpuOf = (runsOf: typeof results) =>
      connectionCounts.map((_, i) => {
        const figures = runsOf.map((r) => r.runs[i]!.cpuMicrosPerRequest);
        return figures.length && figures.every((f) => f !== null) ? figures.reduce((a, b) => a + b!, 0) / figures.length : null;
      });
    const cpuAgainst = (a: typeof results, b: typeof results) => {
      const [cpuA, cpuB] = [cpuOf(a), cpuOf(b)];
      if (cpuA.some((f) => f === null) || cpuB.some((f) => f === null)) return null;
      return connectionCounts.map((c, i) => `${cpuA[i]!.toFixed(1)} vs ${cpuB[i]!.toFixed(1)} µs (${((cpuB[i]! / cpuA[i]!) * 100).toFixed(0)}%) at ${c}`).join(", ");
    };
    const at8 = connectionCounts.indexOf(8);
    if (api.length && plain.length === api.length) {
      targetsMet.unshift(
        `API service ≥ 85% of plain at every connection count (issue 20; ${api.length} rounds summed): ${percent(api, plain)} (per round: ${perRound(api, plain)})`,
        ...(at8 >= 0
          ? [`p99 ≤ 2 ms at 8 connections (issue 20): API service ${api.map((r) => `${r.runs[at8]!.p99Ms.toFixed(2)} ms`).join(", ")}; plain server ${plain.map((r) => `${r.runs[at8]!.p99Ms.toFixed(2)} ms`).join(", ")}`]
          : []),
      );
    }
    const apiVsPlainCpu = api.length && plain.length ? cpuAgainst(api, plain) : null;
    if (apiVsPlainCpu) targetsMet.push(`server CPU per request, API service against plain (rounds averaged; steadier than req/s on shared cores): ${apiVsPlainCpu}`);
    if (baseline.length && baseline.length === api.length) {
      const cpu = cpuAgainst(api, baseline);
      targetsMet.push(
        `API service against its baseline (${values.baseline}; ${api.length} rounds summed): req/s ${percent(api, baseline)} (per round: ${perRound(api, baseline)})${cpu ? `; server CPU per request ${cpu}` : ""}`,
      );
    }
    if (policy.length && policy.length === api.length) {
      targetsMet.push(`key policy within 10% of the API service's req/s (issue 17; ${api.length} rounds summed): ${percent(policy, api)}`);
    }
    lines.push("", "Targets:", ...targetsMet.map((t) => `- ${t}`));
    console.log(lines.join("\n"));
    writeFileSync(
      path.join(work, "results.json"),
      JSON.stringify({ at: new Date().toISOString(), seconds, results: results.map((r) => ({ ...r, target: r.target.name })), inProcess: inproc, inProcessPolicy: inprocPolicy }, null, 2),
    );
    if (!results.every((r) => r.recorded === r.units200)) process.exitCode = 1;
  } finally {
    await cleanup();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
