// `npm run bench:leaks`: how long the GitHub secret-scanning endpoint takes
// to answer a signed batch of 100 tokens (25 live keys, which the default
// leak policy revokes before answering, 25 revoked, 25 unknown, 25
// malformed), issue 19's "within 1 s". The API service runs in this process
// on a fresh database on the local PostgreSQL (dropped at the end), as in
// server/secret-scanning.int.test.ts, which checks the labels and the
// revocations; this prints the time. Baseline, in the same round: the same
// 100 tokens sent to POST /api/v1/verify one after another.
//   npm run bench:leaks -- [--rounds 5]
import { parseArgs } from "node:util";
import pg from "pg";
import { db } from "../../lib/db";
import { apiEnv } from "../../lib/env";
import { generateKey } from "../../lib/keys/format";
import { buildApp } from "../../server/app";
import { serviceOptionsFromEnv, startVerificationService } from "../../server/engine/service";
import { githubSigner, keyDocumentFile, report } from "../../tests/integration/secret-scanning";
import { createTestDatabase } from "../lib/test-database";
import { insertKeys, latencyOf, ownedProject } from "../faults/harness";

// The dashboard's side (the leak policy's revocation) runs in this process
// with the development defaults (with NODE_ENV unset Keydeck means production).
Object.assign(process.env, { NODE_ENV: process.env.NODE_ENV || "test" });

const { values } = parseArgs({ options: { rounds: { type: "string", default: "5" } } });
const ROUNDS = Number(values.rounds);
const TARGET_MS = 1000;
const log = (line: string) => console.log(`[bench:leaks] ${line}`);

async function main() {
  const database = await createTestDatabase("bench-leaks");
  const github = githubSigner("bench-key");
  // The service as `npm run start:api` configures it (the development
  // defaults), on the fresh database, with the signer's key document; lib/db
  // (the leak policy's revocation) opens its client on first use, from here.
  Object.assign(process.env, { DATABASE_URL: database.url, SECRET_SCANNING_KEYS_FILE: keyDocumentFile(github) });
  log(`database: on ${database.server}`);
  const service = await startVerificationService(serviceOptionsFromEnv(apiEnv(), { info: () => {}, warn: () => {}, error: () => {} }));
  const app = buildApp(service, { trustedHops: 0, logLevel: "silent" });
  await app.ready();
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();

  const batches: number[] = [];
  const verifies: number[] = [];
  let wrong = 0;
  try {
    for (let round = 1; round <= ROUNDS; round++) {
      // A project of its own per round: its live keys are revoked by the round's report.
      const { projectId } = await ownedProject(`bench-leaks-${round}`, { units: 1_000_000, rps: 1_000_000 });
      const { keys, ids } = await insertKeys(database.url, projectId, 50);
      await client.query("UPDATE api_keys SET revoked_at = now() WHERE id = ANY($1::text[])", [ids.slice(25)]);
      const live = keys.slice(0, 25);
      const unknown = Array.from({ length: 25 }, () => generateKey("kd", "live"));
      const malformed = live.map((key) => `${key.slice(0, -1)}${key.endsWith("A") ? "B" : "A"}`);
      const tokens = [...live, ...keys.slice(25), ...unknown, ...malformed];

      let started = performance.now();
      for (const token of tokens) {
        await app.inject({ method: "POST", url: "/api/v1/verify", headers: { authorization: `Bearer ${token}` } });
      }
      verifies.push(performance.now() - started);

      const body = JSON.stringify(tokens.map((token) => report(token)));
      started = performance.now();
      const response = await app.inject({ method: "POST", url: "/api/v1/secret-scanning/github", headers: github.headers(body), payload: body });
      batches.push(performance.now() - started);
      const labels = response.json() as { label: string }[];
      const positives = labels.filter((l) => l.label === "true_positive").length;
      if (response.statusCode !== 200 || positives !== 50) wrong++;
      const revoked = await client.query("SELECT count(*)::int AS n FROM api_keys WHERE id = ANY($1::text[]) AND revoked_at IS NOT NULL", [ids.slice(0, 25)]);
      if (revoked.rows[0].n !== 25) wrong++;
      log(`round ${round}: batch ${batches.at(-1)!.toFixed(0)} ms (status ${response.statusCode}, ${positives} true_positive, ${revoked.rows[0].n} of 25 live keys revoked); 100 verifies ${verifies.at(-1)!.toFixed(0)} ms`);
    }
  } finally {
    await client.end();
    await app.close();
    await service.close();
    await db.$disconnect();
    await database.drop();
  }

  const batch = latencyOf(batches);
  const verify = latencyOf(verifies);
  console.log("");
  console.log(`GitHub secret-scanning batch of 100 tokens, ${ROUNDS} rounds: median ${batch.p50.toFixed(0)} ms, max ${batch.max.toFixed(0)} ms`);
  console.log(`the same 100 tokens to POST /api/v1/verify, one after another: median ${verify.p50.toFixed(0)} ms (the batch: ${(batch.p50 / verify.p50).toFixed(1)}×)`);
  console.log(`target (issue 19) ≤ ${TARGET_MS} ms per batch: ${batch.max <= TARGET_MS ? "met in every round" : `not met (${batches.filter((b) => b > TARGET_MS).length} of ${ROUNDS} rounds over)`}`);
  if (wrong) {
    console.log(`${wrong} round(s) answered wrongly (labels or revocations): see above`);
    process.exitCode = 1;
  }
}

void main();
