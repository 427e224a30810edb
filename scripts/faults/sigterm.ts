// Scenario 3: SIGTERM in the middle of a verify load. The service must stop
// taking connections, answer what it accepted, write every counted unit and
// exit 0; the load client keeps sending (its requests after the close fail to
// connect, which is expected) and the usage recorded must equal the sum of
// the costs of the 200s it received.
import path from "node:path";
import { recordedUnits } from "../bench/seed";
import { verifyEach } from "../lib/verify-each";
import { insertKeys, ownedProject, readLog, sleep, startApi, startLoad, statusCounts, terminate, work, writeKeys, type Scenario } from "./harness";

const RATE = 1500;
const SIGTERM_AFTER_MS = 5000;
const SECONDS = 10;

export async function sigterm(databaseUrl: string, s: Scenario): Promise<void> {
  const { projectId } = await ownedProject("faults-sigterm", { units: 2_000_000_000, rps: 1_000_000 });
  const { keys } = await insertKeys(databaseUrl, projectId, 500 + 10_000);
  const cached = keys.slice(0, 500);
  const before = await recordedUnits(databaseUrl);
  const api = await startApi(databaseUrl);
  try {
    let units = await verifyEach(api.url, cached);
    const logFile = path.join(work, "sigterm-log.json");
    const classes = [
      { name: "cached", weight: 80, keysFile: writeKeys("sigterm-cached", cached) },
      { name: "uncached", weight: 20, keysFile: writeKeys("sigterm-uncached", keys.slice(500)), once: true },
    ];
    const load = startLoad("sigterm", { url: api.url, seconds: SECONDS, rate: RATE, maxInFlight: 256, classes, logFile });
    await sleep(SIGTERM_AFTER_MS);
    const termAt = Date.now();
    const exit = await terminate(api);
    s.log(`SIGTERM at +${SIGTERM_AFTER_MS / 1000} s; exited after ${exit.ms} ms with ${exit.code ?? exit.signal}`);
    const summary = await load.done;
    units += summary.unitsOf200;
    const log = readLog(logFile);
    const after = log.filter((r) => r[0] >= termAt);
    s.figure("load", { rate: RATE, sent: summary.sent, skipped: summary.skipped, statuses: Object.fromEntries(Object.entries(summary.classes).map(([n, c]) => [n, c.statuses])) });
    s.figure("after SIGTERM", { statuses: statusCounts(after), socketErrors: summary.socketErrors, exitMs: exit.ms });
    const recorded = (await recordedUnits(databaseUrl)) - before;
    s.check("exits 0", exit.code === 0, `exit ${exit.code ?? exit.signal} after ${exit.ms} ms`);
    s.check("usage recorded = sum of the 200s' costs (nothing counted is lost)", recorded === units, `recorded ${recorded}, 200s' costs ${units}`);
    s.check(
      "no 5xx; requests after the close fail to connect, none is answered wrongly",
      log.every((r) => r[3] < 500) && summary.bad5xx === 0,
      `statuses ${JSON.stringify(statusCounts(log))}`,
    );
  } finally {
    api.child.kill();
  }
}
