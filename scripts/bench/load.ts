// One load run, in a process of its own so that the load generator does not
// share an event loop with the bench's bookkeeping. Prints one JSON line.
//   node --import tsx scripts/bench/load.ts '{"url":…,"connections":8,"seconds":10,"keysFile":…}'
// Each connection is an autocannon instance of its own with its slice of the
// shuffled key pool, each key with a cost of 1–3, its requests built once up
// front: autocannon rebuilds every request of its list for every connection,
// and rebuilding per request (setupRequest) made autocannon itself the
// bottleneck. At the end of the time every connection finishes the request
// it has in flight (none is cut off), so the client's sum of the 200s'
// costs can be compared exactly with the usage the service recorded.
import { readFileSync } from "node:fs";
import autocannon from "autocannon";

/**
 * `url`: one server, or several (a fleet: connection c goes to url[c % n]).
 * `fields`: added to every request's body (the policy run's environment, client_ip and permissions).
 */
type Options = { url: string | string[]; connections: number; seconds: number; keysFile: string; fields?: Record<string, unknown> };
export type LoadResult = {
  connections: number;
  seconds: number;
  requests: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  statuses: Record<string, number>;
  errors: number;
  unitsOf200: number;
};

// autocannon's client internals, used to let each connection finish its
// last request instead of being destroyed mid-flight (stable since v7).
type ClientInternals = { reqsMade: number; responseMax: number };

const options = JSON.parse(process.argv[2]!) as Options;
const keys = JSON.parse(readFileSync(options.keysFile, "utf8")) as string[];
for (let i = keys.length - 1; i > 0; i--) {
  const j = Math.floor(Math.random() * (i + 1));
  [keys[i], keys[j]] = [keys[j]!, keys[i]!];
}

const latencies: number[] = [];
const statuses: Record<string, number> = {};
const clients = new Set<ClientInternals>();
let unitsOf200 = 0;
let inWindow = 0;
let windowOpen = true;
let errors = 0;
let running = options.connections;

function report() {
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  const out: LoadResult = {
    connections: options.connections,
    seconds: options.seconds,
    requests: Object.values(statuses).reduce((a, b) => a + b, 0),
    rps: inWindow / options.seconds,
    p50Ms: at(0.5),
    p99Ms: at(0.99),
    statuses,
    errors,
    unitsOf200,
  };
  console.log(JSON.stringify(out));
}

const slice = Math.ceil(keys.length / options.connections);
const urls = typeof options.url === "string" ? [options.url] : options.url;
for (let c = 0; c < options.connections; c++) {
  const instance = autocannon(
    {
      url: urls[c % urls.length]!,
      connections: 1,
      pipelining: 1,
      // A ceiling only: the run ends when the last connection has drained.
      duration: options.seconds + 30,
      requests: keys.slice(c * slice, (c + 1) * slice).map((key, i): autocannon.Request => {
        const cost = 1 + ((c + i) % 3);
        return {
          method: "POST",
          path: "/api/v1/verify",
          headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
          body: JSON.stringify({ cost, ...options.fields }),
          onResponse(status) {
            if (status === 200) unitsOf200 += cost;
          },
        };
      }),
    },
    (error, result) => {
      if (error) throw error;
      errors += result.errors;
      if (--running === 0) report();
    },
  );
  instance.on("response", (client, status, _bytes, responseTime) => {
    clients.add(client as unknown as ClientInternals);
    statuses[status] = (statuses[status] ?? 0) + 1;
    if (windowOpen) {
      inWindow++;
      latencies.push(responseTime);
    }
  });
}

setTimeout(() => {
  windowOpen = false;
  for (const client of clients) client.responseMax = client.reqsMade;
}, options.seconds * 1000);
