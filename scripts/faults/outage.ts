// Scenario 1: PostgreSQL "stopped" for 10 s under a verify load.
// The service reaches PostgreSQL through a TCP proxy (scripts/lib/database-proxy.ts);
// cutting it resets the service's open connections (pool, listener,
// background) and refuses new ones, which is what the service sees when the
// server stops. The shared PostgreSQL itself is never stopped (others use
// it), and the dashboard's side (revokeKey, here) keeps its own direct
// connection, as a dashboard on another host would.
import path from "node:path";
import { revokeKey } from "../../lib/keys/mutations";
import { recordedUnits } from "../bench/seed";
import { verifyEach } from "../lib/verify-each";
import { startDatabaseProxy } from "../lib/database-proxy";
import {
  insertKeys,
  latencyOf,
  ownedProject,
  UNBUDGETED,
  readLog,
  round,
  settled,
  sleep,
  startApi,
  startLoad,
  statusCounts,
  terminate,
  work,
  writeKeys,
  type Scenario,
} from "./harness";

const OUTAGE_MS = 10_000;
const BEFORE_MS = 5000;
const AFTER_MS = 15_000;
/** The service's default CACHE_LEASE_MS: how long after its last confirmed poll it may still answer from its cache. */
const LEASE_MS = 2000;
/** The service's default CACHE_OUTAGE_GRACE_MS: longer than the outage, so known keys never see it. */
const DEFAULT_GRACE_MS = 30_000;
const RATE = 800;
const REVOKED = ["revoked-before", "revoked-during", "revoked-late"] as const;

/**
 * `graceMs`: the service's CACHE_OUTAGE_GRACE_MS. At the default (30 s) the
 * 10 s outage must cost keys the service knew nothing; at 0 it fails closed
 * once the lease (2 s) has run out. Either way no revoked key gets a 200
 * after the dashboard's revoke returned.
 */
export async function outage(databaseUrl: string, s: Scenario, { graceMs = DEFAULT_GRACE_MS } = {}): Promise<void> {
  const { projectId, userId } = await ownedProject(`faults-outage-${graceMs}`, { units: 2_000_000_000, rps: 1_000_000 });
  const { keys, ids } = await insertKeys(databaseUrl, projectId, 200 + REVOKED.length + 20_000);
  const cached = keys.slice(0, 200);
  const revoked = REVOKED.map((name, i) => ({ name, key: keys[200 + i]!, id: ids[200 + i]! }));
  const unseen = keys.slice(200 + REVOKED.length);

  const proxy = await startDatabaseProxy(databaseUrl);
  const before = await recordedUnits(databaseUrl);
  const api = await startApi(proxy.url, { ...UNBUDGETED, CACHE_OUTAGE_GRACE_MS: String(graceMs) });
  s.log(`CACHE_OUTAGE_GRACE_MS=${graceMs}, CACHE_LEASE_MS=${LEASE_MS}`);
  try {
    let units = await verifyEach(api.url, [...cached, ...revoked.map((r) => r.key)]);
    const logFile = path.join(work, "outage-log.json");
    const classes = [
      { name: "cached", weight: 60, keysFile: writeKeys("outage-cached", cached) },
      { name: "unseen", weight: 10, keysFile: writeKeys("outage-unseen", unseen), once: true },
      { name: "unknown", weight: 10 },
      ...revoked.map((r) => ({ name: r.name, weight: 5, keysFile: writeKeys(`outage-${r.name}`, [r.key]) })),
    ];
    const load = startLoad("outage", { url: api.url, seconds: (BEFORE_MS + OUTAGE_MS + AFTER_MS) / 1000, rate: RATE, maxInFlight: 256, classes, logFile });

    const revokes: Record<string, { startedAt: number; returnedAt: number; worstCaseMs: number | undefined; instances: number; silent: number }> = {};
    const revoke = async (index: number) => {
      const startedAt = Date.now();
      const { receipt } = await revokeKey({ userId, ip: null, projectId, keyId: revoked[index]!.id });
      revokes[revoked[index]!.name] = {
        startedAt,
        returnedAt: Date.now(),
        worstCaseMs: receipt?.worstCaseMs,
        instances: receipt?.instances ?? 0,
        silent: receipt?.silent.length ?? 0,
      };
    };
    await sleep(BEFORE_MS);
    await revoke(0); // just before: the service acknowledges it (NOTIFY) before revokeKey returns
    await proxy.cut();
    const cutAt = Date.now();
    s.log(`database cut at +${BEFORE_MS / 1000} s (proxy: connections reset, new ones refused)`);
    await sleep(1000);
    // During, inside the lease: returns once the service has acknowledged it
    // (after the restore) or its heartbeat has aged out (lease + grace).
    // Not awaited: with a grace longer than the outage it returns after the restore.
    const inFlight = [revoke(1)];
    await sleep(cutAt + 5000 - Date.now());
    inFlight.push(revoke(2)); // during, after the lease (without a grace the service already fails closed)
    await sleep(cutAt + OUTAGE_MS - Date.now());
    await proxy.restore();
    const restoredAt = Date.now();
    await Promise.all(inFlight);
    s.log(`database restored after ${round((restoredAt - cutAt) / 1000)} s`);
    let healthyAt = 0;
    while (!healthyAt && Date.now() - restoredAt < AFTER_MS) {
      if ((await api.health())?.ok) healthyAt = Date.now();
      else await sleep(50);
    }
    const summary = await load.done;
    units += summary.unitsOf200;
    const log = readLog(logFile);
    const classOf = (name: string) => classes.findIndex((c) => c.name === name);
    const rowsOf = (name: string, from = -Infinity, to = Infinity) => log.filter((r) => r[1] === classOf(name) && r[0] >= from && r[0] < to);
    const inOutage = (name: string) => rowsOf(name, cutAt, restoredAt);

    s.figure("load", { rate: RATE, seconds: summary.seconds, sent: summary.sent, skipped: summary.skipped, statuses: Object.fromEntries(Object.entries(summary.classes).map(([n, c]) => [n, c.statuses])) });
    s.figure("outage statuses per class (sent between cut and restore)", Object.fromEntries(classes.map((c) => [c.name, statusCounts(inOutage(c.name))])));

    if (graceMs >= OUTAGE_MS) {
      // Available: keys the service knew never see the outage.
      const counts = statusCounts(inOutage("cached"));
      s.check("cached keys: only 200 during the outage (0 × 503)", Object.keys(counts).join() === "200", JSON.stringify(counts));
    } else {
      // Fail closed once the lease and grace ran out.
      const trustMs = LEASE_MS + graceMs;
      const cachedAfterLease = log.filter((r) => r[1] === classOf("cached") && r[3] === 200 && r[0] > cutAt + trustMs && r[0] < restoredAt);
      const last200 = Math.max(...rowsOf("cached", cutAt, restoredAt).filter((r) => r[3] === 200).map((r) => r[0]), cutAt);
      s.figure("cached keys: last 200 after the cut (ms, within the lease and grace)", last200 - cutAt);
      s.check("no 200 for a cached key once the lease and grace ran out", cachedAfterLease.length === 0, `${cachedAfterLease.length} 200s sent more than ${trustMs} ms after the cut`);
    }
    for (const name of ["unseen", "unknown"]) {
      const counts = statusCounts(inOutage(name));
      s.check(`keys never seen before the outage (${name}) get only 503 during it`, Object.keys(counts).every((status) => status === "503") && inOutage(name).length > 0, JSON.stringify(counts));
    }
    s.figure(
      "revocation receipts: waited / worst case (ms), instances that went silent",
      Object.fromEntries(
        revoked.map(({ name }) => {
          const r = revokes[name]!;
          return [name, `${r.returnedAt - r.startedAt} / ${r.worstCaseMs ?? "?"}, ${r.instances} instance(s), silent ${r.silent}`];
        }),
      ),
    );
    // An instance whose heartbeat had already aged out is not waited for: then there is no wait to bound.
    s.check(
      "every receipt states the worst-case wait: lease + grace + 500 ms (0 when no instance was live)",
      revoked.every(({ name }) => revokes[name]!.worstCaseMs === (revokes[name]!.instances > 0 ? LEASE_MS + graceMs + 500 : 0)),
      revoked.map(({ name }) => `${name}: ${revokes[name]!.worstCaseMs}`).join(", "),
    );
    for (const { name } of revoked) {
      const { startedAt, returnedAt } = revokes[name]!;
      const afterReturn = rowsOf(name, returnedAt).filter((r) => r[3] === 200).length;
      const inWait = rowsOf(name, startedAt, returnedAt).filter((r) => r[3] === 200).length;
      s.check(
        `${name}: no 200 for the key once revokeKey returned`,
        afterReturn === 0,
        `revoke started +${startedAt - cutAt} ms from the cut, returned after ${returnedAt - startedAt} ms; 200s sent after it returned: ${afterReturn}; while it waited: ${inWait}; after: ${JSON.stringify(statusCounts(rowsOf(name, returnedAt)))}`,
      );
    }
    if (LEASE_MS + graceMs < 5000) {
      const strict = revokes["revoked-late"]!;
      const lateAfterStart = rowsOf("revoked-late", strict.startedAt).filter((r) => r[3] === 200).length;
      s.check("revoked while the service was already failing closed: no 200 once the revoke started", lateAfterStart === 0, `${lateAfterStart} 200s`);
    }

    // Only 503 (well formed) among the 5xx; no socket errors.
    const fiveXx = log.filter((r) => r[3] >= 500);
    s.check(
      "every 5xx is 503 service_unavailable with Retry-After",
      summary.bad5xx === 0 && fiveXx.every((r) => r[3] === 503),
      `${fiveXx.length} 5xx, ${summary.bad5xx} malformed${summary.bad5xxSamples.length ? `: ${summary.bad5xxSamples.join(" | ")}` : ""}`,
    );
    s.check("no socket errors", Object.keys(summary.socketErrors).length === 0, JSON.stringify(summary.socketErrors));
    s.figure("503 latency ms (all 503s)", latencyOf(log.filter((r) => r[3] === 503).map((r) => r[5])));

    // Recovery without a restart.
    const firstAfter = (name: string, status: number) => rowsOf(name, restoredAt).find((r) => r[3] === status)?.[0];
    const cachedBack = firstAfter("cached", 200);
    const unseenBack = firstAfter("unseen", 200);
    s.figure("recovery after restore (ms)", { healthz: healthyAt ? healthyAt - restoredAt : null, cachedKeys200: cachedBack ? cachedBack - restoredAt : null, newKeys200: unseenBack ? unseenBack - restoredAt : null });
    const tail = (name: string) => statusCounts(rowsOf(name, restoredAt + AFTER_MS - 5000));
    const expected: Record<string, string> = { cached: "200", unseen: "200", unknown: "401", ...Object.fromEntries(revoked.map((r) => [r.name, "401"])) };
    const steady = Object.fromEntries(classes.map((c) => [c.name, tail(c.name)]));
    const steadyOk = classes.every((c) => Object.keys(steady[c.name]!).join() === expected[c.name]);
    s.check("recovers by itself (same process): the last 5 s answer 200 / 401 as before the outage", api.child.running && steadyOk && healthyAt > 0, JSON.stringify(steady));

    // Exact metering: written by the service's own retries, then again after SIGTERM.
    const wrote = await settled(api);
    const health = await api.health();
    const recordedLive = (await recordedUnits(databaseUrl)) - before;
    s.figure("metering", { flushFailuresDuringOutage: health?.metering.failures, batches: health?.metering.batches });
    s.check("usage recorded (before any restart) = sum of the 200s' costs", wrote && recordedLive === units, `recorded ${recordedLive}, 200s' costs ${units}`);
    const exit = await terminate(api);
    const recorded = (await recordedUnits(databaseUrl)) - before;
    s.check("usage recorded after SIGTERM = sum of the 200s' costs; exit 0", recorded === units && exit.code === 0, `recorded ${recorded}, 200s' costs ${units}, exit ${exit.code ?? exit.signal}`);
  } finally {
    api.child.kill();
    await proxy.cut();
  }
}
