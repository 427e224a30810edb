// The fault scenarios' load client, in a process of its own so that it
// shares no event loop with the service or the orchestrator:
//   node --import tsx scripts/faults/load.ts <plan.json>
// Sends POST /api/v1/verify at a steady rate (open loop, at most
// `maxInFlight` outstanding: a request that would exceed it is not sent and
// is counted as skipped), picking each request's class by weight and each
// class's key in turn. It records every response's status and cost, so that
// the sum of the 200s' costs can be compared exactly with the usage the
// service recorded, and checks every 5xx for the one allowed shape: 503,
// `{"error":{"code":"service_unavailable",…}}` and a Retry-After header.
// Runs for `seconds`, or until SIGTERM; either way every request in flight
// gets its answer (or its socket error) before the summary is printed as one
// JSON line. With `logFile`, every request is also written there as
// [sentAt (Date.now()), class index, key index, status (0 = socket error), cost, latency ms].
import http from "node:http";
import { readFileSync, writeFileSync } from "node:fs";
import { generateKey } from "../../lib/keys/format";

export type LoadClass = {
  name: string;
  weight: number;
  /** A JSON file holding the class's keys; without it, every request gets a new random (well-formed, unknown) key. */
  keysFile?: string;
  /** Each key once, in order (keys never seen before); when they run out the class sends nothing more. */
  once?: boolean;
};

export type LoadPlan = {
  url: string;
  seconds: number;
  rate: number;
  maxInFlight: number;
  classes: LoadClass[];
  /** Costs used in turn, so that metering is checked with varying costs. */
  costs: number[];
  logFile?: string;
  /** The source address to send from (127.0.0.2, …): each load process can be a client of its own. */
  localAddress?: string;
};

export type ClassSummary = { sent: number; statuses: Record<string, number>; unitsOf200: number; exhausted: boolean };

export type LoadSummary = {
  seconds: number;
  sent: number;
  skipped: number;
  socketErrors: Record<string, number>;
  /** 5xx answers that were not a 503 service_unavailable with Retry-After, with the first few as seen. */
  bad5xx: number;
  bad5xxSamples: string[];
  unitsOf200: number;
  classes: Record<string, ClassSummary>;
  latencyMs: Record<string, { count: number; p50: number; p99: number; max: number }>;
};

const plan = JSON.parse(readFileSync(process.argv[2]!, "utf8")) as LoadPlan;
const target = new URL(plan.url);
const agent = new http.Agent({ keepAlive: true, maxSockets: plan.maxInFlight });
const classes = plan.classes.map((c) => ({
  ...c,
  keys: c.keysFile ? (JSON.parse(readFileSync(c.keysFile, "utf8")) as string[]) : null,
  next: 0,
  summary: { sent: 0, statuses: {}, unitsOf200: 0, exhausted: false } as ClassSummary,
}));
const totalWeight = classes.reduce((sum, c) => sum + c.weight, 0);
const log: number[][] = [];
const latencies = new Map<string, number[]>();
const summary: LoadSummary = { seconds: 0, sent: 0, skipped: 0, socketErrors: {}, bad5xx: 0, bad5xxSamples: [], unitsOf200: 0, classes: {}, latencyMs: {} };
let inFlight = 0;
let sequence = 0;
let stopping = false;
const started = performance.now();

/** Weighted round robin without randomness: class i gets weight_i / total of the requests, evenly spread. */
const credit = classes.map(() => 0);
function pickClass(): number {
  let best = -1;
  for (let i = 0; i < classes.length; i++) {
    if (classes[i]!.summary.exhausted) continue;
    credit[i]! += classes[i]!.weight / totalWeight;
    if (best === -1 || credit[i]! > credit[best]!) best = i;
  }
  if (best !== -1) credit[best]! -= 1;
  return best;
}

function record(status: number, classIndex: number, keyIndex: number, cost: number, [sentAt, sentAtMs]: [number, number], body: string, retryAfter: string | undefined) {
  const latency = performance.now() - sentAt;
  const c = classes[classIndex]!.summary;
  c.statuses[status] = (c.statuses[status] ?? 0) + 1;
  if (status === 200) {
    c.unitsOf200 += cost;
    summary.unitsOf200 += cost;
  }
  if (status >= 500 && !isServiceUnavailable(status, body, retryAfter)) {
    summary.bad5xx++;
    if (summary.bad5xxSamples.length < 5) summary.bad5xxSamples.push(`${status} retry-after=${retryAfter} ${body.slice(0, 200)}`);
  }
  const bucket = latencies.get(String(status)) ?? [];
  bucket.push(latency);
  latencies.set(String(status), bucket);
  if (plan.logFile) log.push([sentAtMs, classIndex, keyIndex, status, cost, Math.round(latency * 100) / 100]);
}

function isServiceUnavailable(status: number, body: string, retryAfter: string | undefined): boolean {
  if (status !== 503 || !retryAfter || !(Number(retryAfter) >= 1)) return false;
  try {
    return (JSON.parse(body) as { error?: { code?: string } }).error?.code === "service_unavailable";
  } catch {
    return false;
  }
}

function send(): void {
  const classIndex = pickClass();
  if (classIndex === -1) return;
  const c = classes[classIndex]!;
  let key: string;
  let keyIndex = -1;
  if (c.keys) {
    if (c.once && c.next >= c.keys.length) {
      c.summary.exhausted = true;
      return;
    }
    keyIndex = c.next++ % c.keys.length;
    key = c.keys[keyIndex]!;
  } else {
    key = generateKey("kd", "live");
  }
  const cost = plan.costs[sequence++ % plan.costs.length]!;
  const body = `{"cost":${cost}}`;
  // Wall-clock ms for the log (the orchestrator compares it with its own Date.now()), monotonic for latency.
  const sentAt: [number, number] = [performance.now(), Date.now()];
  inFlight++;
  summary.sent++;
  c.summary.sent++;
  const request = http.request(
    {
      agent,
      host: target.hostname,
      port: target.port,
      localAddress: plan.localAddress,
      method: "POST",
      path: "/api/v1/verify",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json", "content-length": body.length },
    },
    (response) => {
      const status = response.statusCode ?? 0;
      let text = "";
      if (status >= 500) response.setEncoding("utf8").on("data", (chunk: string) => (text += chunk));
      else response.resume();
      response.on("end", () => {
        inFlight--;
        record(status, classIndex, keyIndex, cost, sentAt, text, response.headers["retry-after"] as string | undefined);
      });
      response.on("error", () => {});
    },
  );
  request.on("error", (error: NodeJS.ErrnoException) => {
    inFlight--;
    const code = error.code ?? error.message;
    summary.socketErrors[code] = (summary.socketErrors[code] ?? 0) + 1;
    record(0, classIndex, keyIndex, cost, sentAt, "", undefined);
  });
  request.end(body);
}

// Paced by elapsed time, not by timer ticks: a late tick sends what it owes.
let owed = 0;
const pacer = setInterval(() => {
  if (stopping) return;
  const elapsed = (performance.now() - started) / 1000;
  if (elapsed >= plan.seconds) return void stop();
  const due = Math.floor(elapsed * plan.rate) - owed;
  for (let i = 0; i < due; i++) {
    owed++;
    if (inFlight >= plan.maxInFlight) summary.skipped++;
    else send();
  }
}, 5);

function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

function stop(): void {
  if (stopping) return;
  stopping = true;
  clearInterval(pacer);
  summary.seconds = (performance.now() - started) / 1000;
  const finish = setInterval(() => {
    if (inFlight > 0) return;
    clearInterval(finish);
    agent.destroy();
    for (const c of classes) summary.classes[c.name] = c.summary;
    for (const [status, values] of latencies) {
      values.sort((a, b) => a - b);
      const round = (n: number) => Math.round(n * 100) / 100;
      summary.latencyMs[status] = { count: values.length, p50: round(percentile(values, 0.5)), p99: round(percentile(values, 0.99)), max: round(values.at(-1) ?? 0) };
    }
    if (plan.logFile) writeFileSync(plan.logFile, JSON.stringify(log));
    console.log(JSON.stringify(summary));
    process.exit(0);
  }, 10);
}

process.on("SIGTERM", stop);
