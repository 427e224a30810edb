// Scenario 2: the lookup pool saturated by slow queries. Another connection
// holds ACCESS EXCLUSIVE on api_keys for 10 s (what a long migration does),
// so every lookup of an uncached key hangs on the lock and the service's
// pool fills up, while the load keeps sending many distinct uncached keys.
// Cached keys need no query and must keep their 200s; uncached ones must get
// a 503 quickly, and everything must work again once the lock is gone.
import path from "node:path";
import pg from "pg";
import { recordedUnits } from "../bench/seed";
import { verifyEach } from "../lib/verify-each";
import { insertKeys, latencyOf, ownedProject, readLog, settled, sleep, startApi, startLoad, statusCounts, terminate, work, writeKeys, type Scenario } from "./harness";

const LOCK_MS = 10_000;
const BEFORE_MS = 5000;
const AFTER_MS = 12_000;
const RATE = 600;
const POOL_SIZE = 10;
/**
 * A 503 slower than this is not "failing fast": the service's lookup wait is
 * 2 s (server/engine/service.ts), the rest is slack for a shared machine.
 * Before that wait existed, callers waited for the pool (2 s) or the statement
 * timeout (5 s): p50 2.0 s, p99 3.8 s, max 5.1 s here; now most 503s are
 * immediate (new misses are not queued behind stuck lookups).
 */
const FAST_MS = 2500;

export async function saturation(databaseUrl: string, s: Scenario): Promise<void> {
  const { projectId } = await ownedProject("faults-saturation", { units: 2_000_000_000, rps: 1_000_000 });
  const { keys } = await insertKeys(databaseUrl, projectId, 200 + 20_000);
  const cached = keys.slice(0, 200);
  const before = await recordedUnits(databaseUrl);
  const api = await startApi(databaseUrl, { API_DATABASE_POOL_SIZE: String(POOL_SIZE) });
  const locker = new pg.Client({ connectionString: databaseUrl, application_name: "faults-locker" });
  await locker.connect();
  try {
    let units = await verifyEach(api.url, cached);
    const logFile = path.join(work, "saturation-log.json");
    const classes = [
      { name: "cached", weight: 50, keysFile: writeKeys("saturation-cached", cached) },
      { name: "uncached", weight: 50, keysFile: writeKeys("saturation-uncached", keys.slice(200)), once: true },
    ];
    const load = startLoad("saturation", { url: api.url, seconds: (BEFORE_MS + LOCK_MS + AFTER_MS) / 1000, rate: RATE, maxInFlight: 2000, classes, logFile });
    await sleep(BEFORE_MS);
    await locker.query("BEGIN");
    await locker.query("LOCK TABLE api_keys IN ACCESS EXCLUSIVE MODE");
    const lockedAt = Date.now();
    s.log(`api_keys locked (pool of ${POOL_SIZE}); releasing in ${LOCK_MS / 1000} s`);
    await sleep(LOCK_MS);
    await locker.query("ROLLBACK");
    const releasedAt = Date.now();
    const summary = await load.done;
    units += summary.unitsOf200;

    const log = readLog(logFile);
    const rows = (name: string, from: number, to: number) => log.filter((r) => r[1] === classes.findIndex((c) => c.name === name) && r[0] >= from && r[0] < to);
    s.figure("load", { rate: RATE, seconds: summary.seconds, sent: summary.sent, skipped: summary.skipped, statuses: Object.fromEntries(Object.entries(summary.classes).map(([n, c]) => [n, c.statuses])) });
    const lockedCached = rows("cached", lockedAt, releasedAt);
    const lockedUncached = rows("uncached", lockedAt, releasedAt);
    s.figure("statuses while locked", { cached: statusCounts(lockedCached), uncached: statusCounts(lockedUncached) });
    const latency = latencyOf(lockedUncached.filter((r) => r[3] === 503).map((r) => r[5]));
    s.figure("503 latency ms (sent while locked)", latency);
    const locked503 = lockedUncached.filter((r) => r[3] === 503);
    s.figure("503s sent while locked: waited ≥ 1 s (before a lookup was found stuck) / under 50 ms", [
      locked503.filter((r) => r[5] >= 1000).length,
      locked503.filter((r) => r[5] < 50).length,
    ]);
    // Before the lock, on a machine shared with other work, a cold service can
    // itself be slow enough to shed misses: shown, not judged.
    const beforeLock = { cached: rows("cached", 0, lockedAt), uncached: rows("uncached", 0, lockedAt) };
    s.figure("before the lock: statuses, and latency ms of cached 200s", {
      cached: statusCounts(beforeLock.cached),
      uncached: statusCounts(beforeLock.uncached),
      cached200LatencyMs: latencyOf(beforeLock.cached.filter((r) => r[3] === 200).map((r) => r[5])),
    });
    s.figure("uncached 200 latency ms while locked", latencyOf(lockedUncached.filter((r) => r[3] === 200).map((r) => r[5])));
    s.check("cached keys keep answering 200 while the pool is saturated", lockedCached.length > 0 && lockedCached.every((r) => r[3] === 200), JSON.stringify(statusCounts(lockedCached)));
    s.check("uncached keys get 503 while the lookups hang", lockedUncached.filter((r) => r[3] === 503).length > 0 && lockedUncached.every((r) => r[3] === 503 || r[3] === 200), JSON.stringify(statusCounts(lockedUncached)));
    s.check(`503s are fast (p99 ≤ ${FAST_MS} ms)`, latency.p99 <= FAST_MS, `p50 ${latency.p50} ms, p99 ${latency.p99} ms, max ${latency.max} ms over ${latency.count}`);
    s.check("every 5xx is 503 service_unavailable with Retry-After; no socket errors", summary.bad5xx === 0 && log.every((r) => r[3] < 500 || r[3] === 503) && Object.keys(summary.socketErrors).length === 0, `${summary.bad5xx} malformed, socket errors ${JSON.stringify(summary.socketErrors)}`);
    const back = rows("uncached", releasedAt, Infinity).find((r) => r[3] === 200);
    const tail = { cached: statusCounts(rows("cached", releasedAt + AFTER_MS - 5000, Infinity)), uncached: statusCounts(rows("uncached", releasedAt + AFTER_MS - 5000, Infinity)) };
    s.figure("recovery: first 200 for an uncached key after the release (ms)", back ? back[0] - releasedAt : null);
    s.check("recovers once the slow queries end: the last 5 s are all 200", Object.keys(tail.cached).join() === "200" && Object.keys(tail.uncached).join() === "200", JSON.stringify(tail));
    const wrote = await settled(api);
    const recordedLive = (await recordedUnits(databaseUrl)) - before;
    s.check("usage recorded = sum of the 200s' costs", wrote && recordedLive === units, `recorded ${recordedLive}, 200s' costs ${units}`);
    const exit = await terminate(api);
    const recorded = (await recordedUnits(databaseUrl)) - before;
    s.check("after SIGTERM: still exact, exit 0", recorded === units && exit.code === 0, `recorded ${recorded}, exit ${exit.code ?? exit.signal}`);
  } finally {
    await locker.end().catch(() => {});
    api.child.kill();
  }
}
