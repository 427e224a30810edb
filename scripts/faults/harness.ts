// What the fault scenarios share: the API service as a real process (the
// esbuild bundle of `npm run build:api`), the load client as another, seeded
// projects and keys, the usage the database recorded, and PASS/FAIL lines.
import { spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { db } from "../../lib/db";
import { generateKey, hashKey, keyHint } from "../../lib/keys/format";
import { createProject } from "../../lib/projects/mutations";
import { findFreePort, spawnNamed, waitForHttp, type NamedChild } from "../lib/processes";
import type { LoadPlan, LoadSummary } from "./load";

export const root = path.resolve(__dirname, "../..");
export const work = path.join(root, ".data/faults");
export const bundle = path.join(work, "api.cjs");

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
export const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

export type Check = { name: string; ok: boolean; detail: string };

/** A scenario's PASS/FAIL lines and its figures, printed as they come and kept for results.json. */
export class Scenario {
  readonly checks: Check[] = [];
  readonly figures: Record<string, unknown> = {};
  constructor(readonly name: string) {}

  log(line: string): void {
    console.log(`[${this.name}] ${line}`);
  }

  check(name: string, ok: boolean, detail: string): void {
    this.checks.push({ name, ok, detail });
    console.log(`[${this.name}] ${ok ? "PASS" : "FAIL"} ${name}: ${detail}`);
  }

  figure(name: string, value: unknown): void {
    this.figures[name] = value;
    this.log(`${name}: ${typeof value === "string" ? value : JSON.stringify(value)}`);
  }

  get passed(): boolean {
    return this.checks.length > 0 && this.checks.every((c) => c.ok);
  }
}

/**
 * For scenarios whose one load client stands for many callers, sending
 * unknown keys among the rest at a rate one address is not allowed (the
 * per-address budget of lookups ending in 401 is the flood scenario's subject).
 */
export const UNBUDGETED = { AUTH_FAILURE_BURST: "1000000", AUTH_FAILURES_PER_SECOND: "1000000" };

export type ApiInstance = { url: string; pid: number; child: NamedChild; health(): Promise<Health | null> };
export type Health = {
  ok: boolean;
  metering: { pending: boolean; failures: number; batches: number };
  memory: { rssBytes: number; heapUsedBytes: number };
  loopDelayMs: { p99: number };
  lookups: number;
};

/** The bundled service on a free port, against `databaseUrl`; resolves once /healthz answers 200. */
export async function startApi(databaseUrl: string, env: Record<string, string> = {}): Promise<ApiInstance> {
  const port = await findFreePort();
  const child = spawnNamed({
    name: "api",
    command: process.execPath,
    args: ["--enable-source-maps", bundle],
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: databaseUrl,
      EMBED_ENCRYPTION_KEY: "faults-only-embed-encryption-key-0123456789",
      API_PORT: String(port),
      API_HOST: "127.0.0.1",
      API_LOG_LEVEL: "warn",
      ...env,
    },
    output: "capture",
  });
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}/healthz`, { ok: (status) => status === 200, timeoutMs: 60_000, signal: child.lifetime }).catch((error: Error) => {
    child.kill();
    throw new Error(`the API did not start: ${error.message}\n${child.captured.join("\n")}`);
  });
  return {
    url,
    pid: child.pid,
    child,
    async health() {
      try {
        const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(5000) });
        return (await response.json()) as Health;
      } catch {
        return null;
      }
    },
  };
}

/** Waits until the service has written every counted unit (its metering has nothing pending). */
export async function settled(api: ApiInstance, timeoutMs = 30_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const health = await api.health();
    if (health && !health.metering.pending) return true;
    await sleep(250);
  }
  return false;
}

/** SIGTERM, then the exit code and how long the process took to exit. */
export async function terminate(api: ApiInstance): Promise<{ code: number | null; signal: string | null; ms: number }> {
  const started = performance.now();
  const { code, signal } = await api.child.stop(30_000);
  return { code, signal, ms: Math.round(performance.now() - started) };
}

/** One load run in its own process; `stop()` ends it early (in-flight requests still get their answers). */
export function startLoad(name: string, plan: Omit<LoadPlan, "costs"> & { costs?: number[] }) {
  const planFile = path.join(work, `${name}-plan.json`);
  writeFileSync(planFile, JSON.stringify({ costs: [1, 2, 3, 5, 7, 4, 6], ...plan }));
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/faults/load.ts", planFile], { cwd: root, stdio: ["ignore", "pipe", "inherit"] });
  let out = "";
  child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
  const done = new Promise<LoadSummary>((resolve, reject) =>
    child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out.trim().split("\n").at(-1)!) as LoadSummary) : reject(new Error(`load client exited with ${code}`)))),
  );
  return { done, stop: () => child.kill("SIGTERM") };
}

/** [sentAt epoch ms, class index, key index, status (0 = socket error), cost, latency ms] per request. */
export type LogRow = [number, number, number, number, number, number];
export const readLog = (file: string) => JSON.parse(readFileSync(file, "utf8")) as LogRow[];

export function writeKeys(name: string, keys: string[]): string {
  const file = path.join(work, `${name}.json`);
  writeFileSync(file, JSON.stringify(keys));
  return file;
}

/** A project with an owner (so that the dashboard's revokeKey can act on it), on a custom plan. */
export async function ownedProject(name: string, limits: { units: number; rps: number }) {
  const owner = await db.user.create({ data: { name: `${name} owner`, email: `${name}-${Date.now()}@example.test` } });
  const project = await createProject({ userId: owner.id, ip: null, name });
  await db.project.update({ where: { id: project.id }, data: { plan: "custom", customMonthlyUnits: limits.units, customRps: limits.rps } });
  return { projectId: project.id, userId: owner.id };
}

/** `count` live keys in the project, inserted in bulk (the dashboard allows 100 active keys; the load needs more); returns their plaintexts and ids. */
export async function insertKeys(databaseUrl: string, projectId: string, count: number): Promise<{ keys: string[]; ids: string[] }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const keys: string[] = [];
    const ids: string[] = [];
    for (let start = 0; start < count; start += 10_000) {
      const batch = Array.from({ length: Math.min(10_000, count - start) }, () => generateKey("kd", "live"));
      const batchIds = batch.map((_, i) => `${projectId}-k${start + i}`);
      await client.query(
        `INSERT INTO api_keys (id, project_id, name, environment, hash, hint)
         SELECT id, $1, 'faults', 'live', hash, hint FROM unnest($2::text[], $3::text[], $4::text[]) AS k(id, hash, hint)`,
        [projectId, batchIds, batch.map(hashKey), batch.map(keyHint)],
      );
      keys.push(...batch);
      ids.push(...batchIds);
    }
    await client.query("ANALYZE api_keys");
    return { keys, ids };
  } finally {
    await client.end();
  }
}

/** Latency figures of a set of requests, in ms. */
export function latencyOf(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0, 2);
  return { count: sorted.length, p50: at(0.5), p99: at(0.99), max: round(sorted.at(-1) ?? 0, 2) };
}

export const statusCounts = (rows: LogRow[]) =>
  rows.reduce<Record<string, number>>((counts, row) => {
    counts[row[3]] = (counts[row[3]] ?? 0) + 1;
    return counts;
  }, {});
