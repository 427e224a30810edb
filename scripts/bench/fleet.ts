// `npm run bench:fleet`: several API instances (separate processes) sharing
// their rate limits through Redis, on one PostgreSQL, the load spread over
// them, against one instance with the same settings in the same run.
//   npm run bench:fleet -- [--instances 3] [--seconds 10] [--connections 8,64] [--revocations 1000]
// Prints, all from one run:
// - aggregate req/s and p50/p99 of the fleet, and of one instance alone;
// - revocation receipts: how long the dashboard's revokeKey waited for every
//   instance (p50/p99/max over N revocations made while a load runs, the
//   NOTIFY path), and that every instance acknowledged each one;
// - quota overshoot across instances (one project with a small quota, hit
//   through every instance at once) against its documented bound: the other
//   instances' traffic for that project in one flush interval;
// - whether the usage recorded equals the sum of the 200s' costs.
// Results go to .data/bench/fleet.json. Needs Redis (REDIS_URL, else
// redis://127.0.0.1:6379).
import { writeFileSync, mkdirSync } from "node:fs";
import { performance } from "node:perf_hooks";
import path from "node:path";
import { parseArgs } from "node:util";
import type { ChildProcess } from "node:child_process";
import pg from "pg";
import { createTestDatabase } from "../lib/test-database";
import { findFreePort, waitFor } from "../lib/processes";
import { verifyEach } from "../lib/verify-each";
import { bundleForNode } from "../lib/api-bundle";
import { insertKeys, latencyOf, ownedProject } from "../faults/harness";
import { seed, recordedUnits, POOL } from "./seed";
import { fmt, log, node, root, runLoad, stop } from "./runner";
import type { LoadResult } from "./load";

// The dashboard's side (revokeKey) runs in this process with the development
// defaults (with NODE_ENV unset Keydeck means production).
Object.assign(process.env, { NODE_ENV: process.env.NODE_ENV || "test" });

const { values } = parseArgs({
  options: {
    instances: { type: "string", default: "3" },
    seconds: { type: "string", default: "10" },
    connections: { type: "string", default: "8,64" },
    revocations: { type: "string", default: "1000" },
  },
});
const instanceCount = Number(values.instances);
const seconds = Number(values.seconds);
const connectionCounts = values.connections!.split(",").map(Number);
const revocationCount = Number(values.revocations);
const work = path.join(root, ".data/bench");
const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
/** The service's default METERING_FLUSH_MS: the interval in the overshoot bound. */
const FLUSH_MS = 1000;
/** The quota project's monthly units: reached within the first seconds of its load. */
const QUOTA_UNITS = 20_000;
/** Mean cost of a request of load.ts (costs 1, 2, 3 in turn). */
const MEAN_COST = 2;

type Instance = { url: string; child: ChildProcess };

async function startInstance(env: NodeJS.ProcessEnv): Promise<Instance> {
  const port = await findFreePort();
  const url = `http://127.0.0.1:${port}`;
  const child = node(["--enable-source-maps", "dist/api/main.cjs"], { ...env, API_PORT: String(port) });
  await waitFor(`API instance on ${url}`, async () => (await fetch(`${url}/healthz`).catch(() => null))?.status === 200, { timeoutMs: 60_000, intervalMs: 250 });
  return { url, child };
}

async function redisReachable(): Promise<boolean> {
  const { default: Redis } = await import("ioredis");
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 1000, enableOfflineQueue: false });
  try {
    await redis.connect();
    return (await redis.ping()) === "PONG";
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

/** Units recorded for one project. */
async function projectUnits(url: string, projectId: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ units: number }>("SELECT coalesce(sum(units), 0)::float8 AS units FROM usage_hourly WHERE project_id = $1", [projectId]);
    return rows[0]!.units;
  } finally {
    await client.end();
  }
}

type WriteCounters = { commits: number; rows: number };

/**
 * The database's committed transactions and rows written to the metering
 * tables so far (PostgreSQL's cumulative statistics, which backends report
 * within about a second of a commit: read them after a pause).
 */
async function writeCounters(url: string): Promise<WriteCounters> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ commits: string; rows: string }>(
      `SELECT (SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()) AS commits,
              (SELECT coalesce(sum(n_tup_ins + n_tup_upd), 0) FROM pg_stat_user_tables
                WHERE relname IN ('usage_hourly', 'usage_daily', 'project_usage', 'metering_batches', 'api_keys')) AS rows`,
    );
    return { commits: Number(rows[0]!.commits), rows: Number(rows[0]!.rows) };
  } finally {
    await client.end();
  }
}

const row = (label: string, run: LoadResult, ratio?: number) => {
  const non200 = Object.entries(run.statuses).filter(([s]) => s !== "200").reduce((n, [, c]) => n + c, 0) + run.errors;
  return `| ${label} | ${run.connections} | ${fmt(run.rps)} | ${run.p50Ms.toFixed(2)} | ${run.p99Ms.toFixed(2)} | ${ratio === undefined ? "" : `${(ratio * 100).toFixed(0)}%`} | ${non200} |`;
};

async function main() {
  if (!(await redisReachable())) {
    console.error(`bench:fleet needs Redis for the shared rate limits: none answers at ${redisUrl} (set REDIS_URL).`);
    process.exit(1);
  }
  mkdirSync(work, { recursive: true });
  const database = await createTestDatabase("bench-fleet");
  process.env.DATABASE_URL = database.url;
  log(`database: on ${database.server}; Redis: ${redisUrl}`);
  const instances: Instance[] = [];
  let units200 = 0;
  try {
    log(`seeding keys, a pool of ${fmt(POOL)}`);
    const pool = await seed(database.url);
    const keysFile = path.join(work, "fleet-keys.json");
    writeFileSync(keysFile, JSON.stringify(pool));
    // Keys to revoke: live keys of a project with an owner, none in the load's pool.
    const revocable = await ownedProject("fleet-revocations", { units: 2_000_000_000, rps: 1_000_000 });
    const toRevoke = (await insertKeys(database.url, revocable.projectId, revocationCount)).ids;
    const quota = await ownedProject("fleet-quota", { units: QUOTA_UNITS, rps: 1_000_000 });
    const quotaKeys = (await insertKeys(database.url, quota.projectId, 60)).keys;
    const quotaKeysFile = path.join(work, "fleet-quota-keys.json");
    writeFileSync(quotaKeysFile, JSON.stringify(quotaKeys));

    log("building the API service (esbuild)");
    bundleForNode("server/main.ts", "dist/api/main.cjs");
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: database.url,
      REDIS_URL: redisUrl,
      API_HOST: "127.0.0.1",
      API_LOG_LEVEL: "warn",
      KEY_PREFIX: "kd",
      METERING_FLUSH_MS: String(FLUSH_MS),
      EMBED_ENCRYPTION_KEY: "bench-only-embed-encryption-key-0123456789",
    };
    for (let i = 0; i < instanceCount; i++) instances.push(await startInstance(env));
    const urls = instances.map((i) => i.url);
    log(`${instanceCount} instances: ${urls.join(", ")}`);
    log("warming every instance's cache (every key once)");
    for (const url of urls) units200 += await verifyEach(url, pool, 32);

    const single: LoadResult[] = [];
    const fleet: LoadResult[] = [];
    const writes: { connections: number; commitsPerSecond: number; rowsPerSecond: number }[] = [];
    for (const connections of connectionCounts) {
      log(`one instance: ${connections} connections for ${seconds} s`);
      single.push(await runLoad(urls[0]!, connections, seconds, keysFile));
      log(`  ${fmt(single.at(-1)!.rps)} req/s, p99 ${single.at(-1)!.p99Ms.toFixed(2)} ms`);
      log(`the fleet: ${connections} connections over ${instanceCount} instances for ${seconds} s`);
      await new Promise((resolve) => setTimeout(resolve, 2000));
      const before = await writeCounters(database.url);
      const startedAt = performance.now();
      fleet.push(await runLoad(urls, connections, seconds, keysFile));
      await new Promise((resolve) => setTimeout(resolve, 2000)); // the last flushes, and their statistics
      const after = await writeCounters(database.url);
      const elapsed = (performance.now() - startedAt) / 1000;
      writes.push({ connections, commitsPerSecond: (after.commits - before.commits) / elapsed, rowsPerSecond: (after.rows - before.rows) / elapsed });
      log(`  ${fmt(fleet.at(-1)!.rps)} req/s, p99 ${fleet.at(-1)!.p99Ms.toFixed(2)} ms`);
    }
    units200 += [...single, ...fleet].reduce((sum, r) => sum + r.unitsOf200, 0);

    // Revocations while the fleet is loaded: each is the dashboard's own
    // revokeKey, which returns once every instance has acknowledged.
    log(`${fmt(revocationCount)} revocations through revokeKey while the fleet is under load (8 connections)`);
    const { revokeKey } = await import("../../lib/keys/mutations");
    const waits: number[] = [];
    let notAllAcknowledged = 0;
    let outsideLoad = 0;
    let next = 0;
    while (next < toRevoke.length) {
      let loading = true;
      const load = runLoad(urls, 8, seconds, keysFile).finally(() => (loading = false));
      await new Promise((resolve) => setTimeout(resolve, 500)); // the load is up
      while (loading && next < toRevoke.length) {
        const started = performance.now();
        const { receipt } = await revokeKey({ userId: revocable.userId, ip: null, projectId: revocable.projectId, keyId: toRevoke[next++]! });
        waits.push(performance.now() - started);
        if (!loading) outsideLoad++;
        if (!receipt || receipt.acknowledged.length !== instanceCount || receipt.silent.length > 0) notAllAcknowledged++;
      }
      units200 += (await load).unitsOf200;
    }
    const revocations = latencyOf(waits);
    log(`  revokeKey waited p50 ${revocations.p50} ms, p99 ${revocations.p99} ms, max ${revocations.max} ms`);

    // Quota overshoot: one project with a small quota, hit through every instance at once.
    log(`quota overshoot: a project with ${fmt(QUOTA_UNITS)} units, loaded through all ${instanceCount} instances`);
    for (const url of urls) units200 += await verifyEach(url, quotaKeys, 8);
    const quotaRun = await runLoad(urls, 8, 5, quotaKeysFile);
    units200 += quotaRun.unitsOf200;

    for (const instance of instances) await stop(instance.child); // each drains and flushes
    instances.length = 0;
    const recorded = await recordedUnits(database.url);
    const quotaRecorded = await projectUnits(database.url, quota.projectId);
    const overshoot = Math.max(0, quotaRecorded - QUOTA_UNITS);
    // The documented bound: what the other instances admit for the project in
    // one flush interval, at this run's rate (requests of every status, so an upper bound).
    const bound = Math.ceil(((quotaRun.rps * MEAN_COST * (instanceCount - 1)) / instanceCount) * (FLUSH_MS / 1000));

    const lines = [
      "",
      `| servers | connections | requests/s | p50 ms | p99 ms | vs one instance | non-200 |`,
      `| --- | ---: | ---: | ---: | ---: | ---: | ---: |`,
      ...single.map((run) => row("one API instance (Redis rate limits)", run)),
      ...fleet.map((run, i) => row(`${instanceCount} API instances (Redis rate limits)`, run, run.rps / single[i]!.rps)),
      "",
      ...writes.map(
        (w) =>
          `- database writes during the fleet's ${w.connections}-connection run (the load's time plus 2 s of final flushes): ${fmt(w.commitsPerSecond, 1)} commits/s (${fmt(w.commitsPerSecond / instanceCount, 1)} per instance: metering flushes, invalidation polls and heartbeats), ${fmt(w.rowsPerSecond)} metering rows/s (${fmt(w.rowsPerSecond / instanceCount)} per instance)`,
      ),
      `- revocations under load: ${fmt(waits.length)} through revokeKey, waited p50 ${revocations.p50} ms, p99 ${revocations.p99} ms, max ${revocations.max} ms; acknowledged by all ${instanceCount} instances: ${waits.length - notAllAcknowledged} of ${waits.length}${outsideLoad ? ` (${outsideLoad} ended after their load run)` : ""}`,
      `- quota overshoot across ${instanceCount} instances: quota ${fmt(QUOTA_UNITS)} units, recorded ${fmt(quotaRecorded)}, overshoot ${fmt(overshoot)} units; bound (other instances' traffic in one ${FLUSH_MS} ms flush interval at ${fmt(quotaRun.rps)} req/s × ${MEAN_COST} units) ${fmt(bound)}: ${overshoot <= bound ? "within" : "EXCEEDED"}; statuses ${JSON.stringify(quotaRun.statuses)}`,
      `- usage recorded ${fmt(recorded)} units, sum of the 200 responses' costs ${fmt(units200)}: ${recorded === units200 ? "exact" : "MISMATCH"}`,
    ];
    console.log(lines.join("\n"));
    writeFileSync(
      path.join(work, "fleet.json"),
      JSON.stringify(
        { at: new Date().toISOString(), instances: instanceCount, seconds, single, fleet, writes, revocations: { ...revocations, notAllAcknowledged, outsideLoad }, quota: { limit: QUOTA_UNITS, recorded: quotaRecorded, overshoot, bound, run: quotaRun }, recorded, units200 },
        null,
        2,
      ),
    );
    if (recorded !== units200 || overshoot > bound || notAllAcknowledged > 0) process.exitCode = 1;
  } finally {
    for (const instance of instances) await stop(instance.child);
    const { db } = await import("../../lib/db");
    await db.$disconnect();
    await database.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
