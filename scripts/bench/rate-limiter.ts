// The in-memory rate limiter's cost per request when every request opens a
// new window (a key used less than once a second: the main benchmark's
// 20,000-key pool at ~10,000 req/s), against rate-limiter-flexible's
// RateLimiterMemory counter, which the service used before. Counted: the
// call, and the CPU spent afterwards while the library's per-window timers
// fire. Prints µs per request, median of rounds, and the ratio.
//   npx tsx --conditions=react-server scripts/bench/rate-limiter.ts [--keys 200000] [--rounds 5]
import { parseArgs } from "node:util";
import { RateLimiterMemory } from "rate-limiter-flexible";
import { KeyWindows } from "../../server/engine/rate-limit";

const { values } = parseArgs({ options: { keys: { type: "string", default: "200000" }, rounds: { type: "string", default: "5" } } });
const KEYS = Number(values.keys);
const ROUNDS = Number(values.rounds);
const keys = Array.from({ length: KEYS }, (_, i) => `key_${i}_${"x".repeat(20)}`);

type Counter = (key: string) => void;

/** µs per request: each key once (a new window each), then the CPU of the 1.3 s after (timers firing). */
async function measure(counter: Counter): Promise<number> {
  const start = process.cpuUsage();
  for (const key of keys) counter(key);
  await new Promise((resolve) => setTimeout(resolve, 1300));
  const used = process.cpuUsage(start);
  return (used.user + used.system) / KEYS;
}

function library(): Counter {
  const storage = (new RateLimiterMemory({ points: Number.MAX_SAFE_INTEGER, duration: 1 }) as unknown as {
    _memoryStorage: { incrby(key: string, points: number, seconds: number): unknown };
  })._memoryStorage;
  return (key) => void storage.incrby(key, 1, 1);
}

function windows(): Counter {
  const counter = new KeyWindows(1000);
  return (key) => void counter.consume(key, 1);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  const lib: number[] = [];
  const own: number[] = [];
  // Interleaved, so that the machine's slower moments fall on both.
  for (let round = 0; round < ROUNDS; round++) {
    lib.push(await measure(library()));
    own.push(await measure(windows()));
  }
  const fmt = (xs: number[]) => xs.map((x) => x.toFixed(2)).join(", ");
  console.log(`${KEYS.toLocaleString("en-US")} keys, each opening a new window; CPU µs per request, median of ${ROUNDS} rounds`);
  console.log(`  rate-limiter-flexible RateLimiterMemory: ${median(lib).toFixed(2)} µs (${fmt(lib)})`);
  console.log(`  KeyWindows (server/engine/rate-limit.ts): ${median(own).toFixed(2)} µs (${fmt(own)})`);
  console.log(`  KeyWindows / RateLimiterMemory: ${((median(own) / median(lib)) * 100).toFixed(0)} %`);
}

void main();
