// The in-process cost of one cached verification: the service warmed with
// the whole pool, then the verification function called back to back in
// chunks, timing only the chunks (between them the event loop runs the
// service's own flushes and polls, as it would in production). Prints JSON.
import { readFileSync } from "node:fs";
import { apiEnv } from "../../lib/env";
import { serviceOptionsFromEnv, startVerificationService } from "../../server/engine/service";
import { isPromise } from "../../server/engine/types";

const CHUNK = 5000;
const CALLS = 2_000_000;
const ROUNDS = 5;
// Read only on a cache miss (the failure budget); the warm-up's misses are all valid keys.
const client = () => "127.0.0.1";

async function main() {
  const headers = (JSON.parse(readFileSync(process.argv[2]!, "utf8")) as string[]).map((key) => `Bearer ${key}`);
  // The policy run's fields (environment, client_ip, permissions), when given.
  const fields = JSON.parse(process.argv[3] ?? "{}") as Record<string, unknown>;
  const quiet = { info: () => {}, warn: console.warn, error: console.error };
  const service = await startVerificationService(serviceOptionsFromEnv(apiEnv(), quiet));
  for (let i = 0; i < headers.length; i += 500) await Promise.all(headers.slice(i, i + 500).map((h) => service.verify(h, { cost: 1, ...fields }, client)));
  const bodies = [1, 2, 3].map((cost) => ({ cost, ...fields }));
  const rounds: number[] = [];
  let units = headers.length;
  let notSync = 0;
  for (let round = 0; round < ROUNDS; round++) {
    let busyMs = 0;
    for (let done = 0; done < CALLS; done += CHUNK) {
      const started = performance.now();
      for (let i = done; i < done + CHUNK; i++) {
        const result = service.verify(headers[i % headers.length], bodies[i % 3], client);
        if (isPromise(result)) notSync++;
        else if (result.valid) units += (i % 3) + 1;
      }
      busyMs += performance.now() - started;
      await new Promise((resolve) => setImmediate(resolve));
    }
    rounds.push((busyMs * 1000) / CALLS);
  }
  await service.close();
  rounds.sort((a, b) => a - b);
  console.log(JSON.stringify({ microsPerVerification: rounds[Math.floor(rounds.length / 2)], rounds, notSync, units }));
}

void main();
