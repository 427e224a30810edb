// Scenario 4: a soak. A steady rate (2,000 req/s by default) for N minutes
// (10 by default) of cached keys, unknown keys (a recurring set, and a few
// never seen), keys new to the service, and keys of a project with a low
// rate limit (their 429s are expected). Memory is sampled from the service
// every 5 s (/healthz: RSS and V8 heap; /proc/<pid>/status: VmRSS) and must
// stay flat after the warm-up; every answer must be the one its class
// expects; usage recorded must equal the 200s' costs.
import { readFileSync } from "node:fs";
import { generateKey } from "../../lib/keys/format";
import { recordedUnits } from "../bench/seed";
import { verifyEach } from "../lib/verify-each";
import { insertKeys, ownedProject, round, settled, sleep, startApi, startLoad, terminate, UNBUDGETED, writeKeys, type Scenario } from "./harness";

const SAMPLE_EVERY_MS = 5000;
/** Growth per minute after the warm-up above which memory is not "flat". */
const MAX_HEAP_GROWTH_MIB_PER_MIN = 1;
const MAX_RSS_GROWTH_MIB_PER_MIN = 2;
const MIB = 1024 * 1024;
/**
 * The caches' bounds for the soak's service: sizes its traffic fills during
 * the warm-up (5,000 cached keys plus new ones; 5,000 recurring unknown keys
 * plus new ones), so that after it every structure is at its steady state and
 * growth means a leak. At the defaults (200,000 and 100,000) the soak's new
 * keys would fill the caches for hours, and that bounded growth, about
 * 1 MiB/min of heap here, would hide a leak of the same size.
 */
const CACHE_SIZES = { KEY_CACHE_SIZE: "6000", NEGATIVE_CACHE_SIZE: "6000" };

type Sample = { atMs: number; rss: number; heapUsed: number; procRss: number; loopP99: number };

/**
 * The heap used saws up and down by tens of MiB between collections, so its
 * trend is taken on the floor of each window (the lowest sample: the heap
 * just after a collection), about 8 windows after the warm-up.
 */
function floors(samples: Sample[], pick: (x: Sample) => number): { x: number; y: number }[] {
  if (samples.length === 0) return [];
  const windowMs = Math.max(10_000, (samples.at(-1)!.atMs - samples[0]!.atMs) / 8);
  const lowest = new Map<number, { x: number; y: number }>();
  for (const sample of samples) {
    const window = Math.min(7, Math.floor((sample.atMs - samples[0]!.atMs) / windowMs));
    const y = pick(sample) / MIB;
    if (!lowest.has(window) || y < lowest.get(window)!.y) lowest.set(window, { x: sample.atMs, y });
  }
  return [...lowest.values()];
}

/** Least-squares slope, per minute. */
function slopePerMinute(points: { x: number; y: number }[]): number {
  const n = points.length;
  if (n < 2) return 0;
  const mx = points.reduce((a, p) => a + p.x, 0) / n;
  const my = points.reduce((a, p) => a + p.y, 0) / n;
  const sxy = points.reduce((a, p) => a + (p.x - mx) * (p.y - my), 0);
  const sxx = points.reduce((a, p) => a + (p.x - mx) ** 2, 0);
  return sxx === 0 ? 0 : (sxy / sxx) * 60_000;
}

function procRss(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return match ? Number(match[1]) * 1024 : 0;
}

export async function soak(databaseUrl: string, s: Scenario, { minutes, rate }: { minutes: number; rate: number }): Promise<void> {
  const seconds = Math.round(minutes * 60);
  const warmupMs = Math.min(120_000, (seconds * 1000) / 3);
  const main = await ownedProject("faults-soak", { units: 2_000_000_000, rps: 1_000_000 });
  const limited = await ownedProject("faults-soak-limited", { units: 2_000_000_000, rps: 5 });
  const newShare = 5 / 1000;
  const { keys } = await insertKeys(databaseUrl, main.projectId, 5000 + Math.ceil(rate * seconds * newShare * 1.2) + 100);
  const limitedKeys = (await insertKeys(databaseUrl, limited.projectId, 4)).keys;
  const cached = keys.slice(0, 5000);
  const before = await recordedUnits(databaseUrl);
  const api = await startApi(databaseUrl, { ...CACHE_SIZES, ...UNBUDGETED });
  try {
    let units = await verifyEach(api.url, cached);
    // Weights per 1000 requests; the expected answers of each class.
    const classes = [
      { name: "cached", weight: 900, keysFile: writeKeys("soak-cached", cached), expected: ["200"] },
      { name: "unknown-recurring", weight: 60, keysFile: writeKeys("soak-unknown", Array.from({ length: 5000 }, () => generateKey("kd", "live"))), expected: ["401"] },
      { name: "unknown-new", weight: 10, expected: ["401"] },
      { name: "new-keys", weight: newShare * 1000, keysFile: writeKeys("soak-new", keys.slice(5000)), once: true, expected: ["200"] },
      { name: "rate-limited", weight: 25, keysFile: writeKeys("soak-limited", limitedKeys), expected: ["200", "429"] },
    ];
    s.log(`${rate} req/s for ${minutes} min (warm-up ${round(warmupMs / 60_000, 2)} min), caches ${JSON.stringify(CACHE_SIZES)}, sampling memory every ${SAMPLE_EVERY_MS / 1000} s`);
    const load = startLoad("soak", { url: api.url, seconds, rate, maxInFlight: 512, classes });
    const samples: Sample[] = [];
    const started = Date.now();
    let loading = true;
    void load.done.finally(() => (loading = false));
    while (loading) {
      const health = await api.health();
      if (health) {
        const sample = { atMs: Date.now() - started, rss: health.memory.rssBytes, heapUsed: health.memory.heapUsedBytes, procRss: procRss(api.pid), loopP99: health.loopDelayMs.p99 };
        samples.push(sample);
        if (samples.length % 12 === 1) s.log(`+${round(sample.atMs / 60_000, 1)} min: rss ${round(sample.rss / MIB)} MiB, heap ${round(sample.heapUsed / MIB)} MiB`);
      }
      await sleep(SAMPLE_EVERY_MS);
    }
    const summary = await load.done;
    units += summary.unitsOf200;

    const afterWarmup = samples.filter((x) => x.atMs >= warmupMs);
    const describe = (pick: (x: Sample) => number) => {
      const values = afterWarmup.map(pick);
      return {
        startMiB: round(pick(samples[0]!) / MIB),
        afterWarmupMiB: round(values[0]! / MIB),
        endMiB: round(values.at(-1)! / MIB),
        maxMiB: round(Math.max(...samples.map(pick)) / MIB),
        growthMiBPerMinAfterWarmup: round(slopePerMinute(afterWarmup.map((x) => ({ x: x.atMs, y: pick(x) / MIB }))), 3),
        floorGrowthMiBPerMinAfterWarmup: round(slopePerMinute(floors(afterWarmup, pick)), 3),
      };
    };
    const rss = describe((x) => x.rss);
    const heap = describe((x) => x.heapUsed);
    s.figure("throughput", { targetRps: rate, achievedRps: round(summary.sent / summary.seconds), sent: summary.sent, skipped: summary.skipped, seconds: round(summary.seconds) });
    s.figure("statuses per class", Object.fromEntries(Object.entries(summary.classes).map(([n, c]) => [n, c.statuses])));
    s.figure("latency ms per status", summary.latencyMs);
    s.figure("rss", rss);
    s.figure("heapUsed", heap);
    s.figure("VmRSS from /proc (MiB): start, end, max", [round(samples[0]!.procRss / MIB), round(samples.at(-1)!.procRss / MIB), round(Math.max(...samples.map((x) => x.procRss)) / MIB)]);
    s.figure("event-loop delay p99 per 5 s (ms): median, max", (() => {
      const values = samples.map((x) => x.loopP99).sort((a, b) => a - b);
      return [round(values[Math.floor(values.length / 2)] ?? 0, 2), round(values.at(-1) ?? 0, 2)];
    })());
    s.figure("memory samples", samples.map((x) => [round(x.atMs / 1000), round(x.rss / MIB), round(x.heapUsed / MIB)]));

    s.check(
      `heap flat after warm-up (floor after collections ≤ ${MAX_HEAP_GROWTH_MIB_PER_MIN} MiB/min)`,
      afterWarmup.length >= 3 && heap.floorGrowthMiBPerMinAfterWarmup <= MAX_HEAP_GROWTH_MIB_PER_MIN,
      `${heap.floorGrowthMiBPerMinAfterWarmup} MiB/min (all samples: ${heap.growthMiBPerMinAfterWarmup}) over ${afterWarmup.length} samples`,
    );
    s.check(
      `RSS flat after warm-up (≤ ${MAX_RSS_GROWTH_MIB_PER_MIN} MiB/min)`,
      afterWarmup.length >= 3 && rss.growthMiBPerMinAfterWarmup <= MAX_RSS_GROWTH_MIB_PER_MIN,
      `${rss.growthMiBPerMinAfterWarmup} MiB/min (window floors: ${rss.floorGrowthMiBPerMinAfterWarmup})`,
    );
    const unexpected = Object.fromEntries(
      classes.map((c) => [c.name, Object.entries(summary.classes[c.name]!.statuses).filter(([status]) => !c.expected.includes(status)).reduce((n, [, count]) => n + count, 0)]),
    );
    const errorCount = Object.values(unexpected).reduce((a, b) => a + b, 0);
    s.check("no errors (every answer the expected one for its class; no socket errors)", errorCount === 0 && Object.keys(summary.socketErrors).length === 0, `unexpected ${JSON.stringify(unexpected)}, socket errors ${JSON.stringify(summary.socketErrors)}`);
    s.check("the rate-limited project got its expected 429s", (summary.classes["rate-limited"]!.statuses["429"] ?? 0) > 0, JSON.stringify(summary.classes["rate-limited"]!.statuses));
    const wrote = await settled(api);
    const exit = await terminate(api);
    const recorded = (await recordedUnits(databaseUrl)) - before;
    s.check("usage recorded = sum of the 200s' costs; exit 0", wrote && recorded === units && exit.code === 0, `recorded ${recorded}, 200s' costs ${units}, exit ${exit.code ?? exit.signal}`);
  } finally {
    api.child.kill();
  }
}
