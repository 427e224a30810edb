// Scenario 5: a lookup flood. The key checksum is public, so anyone can make
// endless well-formed unknown keys, each a database lookup. One client
// (source address 127.0.0.2) sends random unknown keys at a fixed high rate
// while another (127.0.0.3) verifies keys that are in the database but were
// never verified before (each once, so every one needs a lookup). The honest
// client's latency is measured first alone, then beside the flood, each
// phase with keys of its own. The service runs at its defaults: the flood
// must spend its address's budget of lookups ending in 401 and then get 429
// without a lookup, and the honest client must get a 200 for every key.
import { recordedUnits } from "../bench/seed";
import { insertKeys, ownedProject, settled, sleep, startApi, startLoad, terminate, writeKeys, type Scenario } from "./harness";
import type { LoadSummary } from "./load";

const HONEST_RATE = 200;
const WARMUP_SECONDS = 3;
const PHASE_SECONDS = 20;
// The service's defaults (lib/env.ts): what the flood may cost the database.
const BURST = 100;
const PER_SECOND = 10;

export async function flood(databaseUrl: string, s: Scenario, { rate }: { rate: number }): Promise<void> {
  const { projectId } = await ownedProject("faults-flood", { units: 2_000_000_000, rps: 1_000_000 });
  const perPhase = HONEST_RATE * PHASE_SECONDS + 100;
  const { keys } = await insertKeys(databaseUrl, projectId, HONEST_RATE * WARMUP_SECONDS + 100 + 2 * perPhase);
  const [warmupKeys, aloneKeys, besideKeys] = [keys.slice(0, HONEST_RATE * WARMUP_SECONDS + 100), keys.slice(-2 * perPhase, -perPhase), keys.slice(-perPhase)];
  const before = await recordedUnits(databaseUrl);
  const api = await startApi(databaseUrl);
  const honest = (name: string, phaseKeys: string[], seconds: number) =>
    startLoad(`flood-${name}`, {
      url: api.url,
      seconds,
      rate: HONEST_RATE,
      maxInFlight: 200,
      localAddress: "127.0.0.3",
      classes: [{ name: "honest", weight: 1, keysFile: writeKeys(`flood-${name}-keys`, phaseKeys), once: true }],
    });
  try {
    let units = (await honest("warmup", warmupKeys, WARMUP_SECONDS).done).unitsOf200;
    const alone = await honest("alone", aloneKeys, PHASE_SECONDS).done;
    const lookupsBefore = (await api.health())?.lookups ?? NaN;
    const flooder = startLoad("flood-flooder", {
      url: api.url,
      seconds: PHASE_SECONDS,
      rate,
      maxInFlight: 1000,
      localAddress: "127.0.0.2",
      classes: [{ name: "unknown", weight: 1 }],
    });
    const beside = honest("beside", besideKeys, PHASE_SECONDS).done;
    const [flooded, besideFlood] = await Promise.all([flooder.done, beside]);
    await sleep(200);
    const health = await api.health();
    const lookups = (health?.lookups ?? NaN) - lookupsBefore;
    units += alone.unitsOf200 + besideFlood.unitsOf200;

    const statuses = (summary: LoadSummary) => summary.classes[Object.keys(summary.classes)[0]!]!.statuses;
    const floodStatuses = statuses(flooded);
    const floodLookups = lookups - (statuses(besideFlood)["200"] ?? 0);
    s.figure("flood: rate asked / reached (req/s), sent, skipped at its in-flight cap", {
      asked: rate,
      reached: Math.round(flooded.sent / flooded.seconds),
      sent: flooded.sent,
      skipped: flooded.skipped,
      statuses: floodStatuses,
    });
    s.figure("flood: 429 latency ms", flooded.latencyMs["429"] ?? null);
    s.figure("lookups during the flood phase: total / the flood's", [lookups, floodLookups]);
    s.figure("honest client 200 latency ms, alone", alone.latencyMs["200"] ?? null);
    s.figure("honest client 200 latency ms, beside the flood", besideFlood.latencyMs["200"] ?? null);
    s.figure("honest client statuses: alone / beside the flood", [statuses(alone), statuses(besideFlood)]);

    for (const [phase, summary] of [["alone", alone], ["beside the flood", besideFlood]] as const) {
      const got = statuses(summary);
      s.check(
        `honest client ${phase}: every key sent, looked up and answered 200 (no 503, nothing skipped, no socket error)`,
        summary.sent > 0 && got["200"] === summary.sent && summary.skipped === 0 && Object.keys(summary.socketErrors).length === 0,
        `sent ${summary.sent}, statuses ${JSON.stringify(got)}, skipped ${summary.skipped}, socket errors ${JSON.stringify(summary.socketErrors)}`,
      );
    }
    s.check(
      "the flood gets 429 past its budget: only 401s and 429s, no 5xx",
      (floodStatuses["429"] ?? 0) > 0 && Object.keys(floodStatuses).every((status) => status === "401" || status === "429") && flooded.bad5xx === 0,
      JSON.stringify(floodStatuses),
    );
    // The burst, a unit a second, and at most a burst of debt: misses sent before its first failure was known.
    const allowed = 2 * BURST + PER_SECOND * Math.ceil(flooded.seconds + 1);
    s.check(
      `the flood costs at most its budget in lookups (2 × ${BURST} + ${PER_SECOND}/s: ${allowed}), one per 401`,
      floodLookups <= allowed && floodLookups === (floodStatuses["401"] ?? 0),
      `${floodLookups} lookups for ${flooded.sent} flood requests, ${floodStatuses["401"] ?? 0} of them 401`,
    );
    const wrote = await settled(api);
    const recordedLive = (await recordedUnits(databaseUrl)) - before;
    s.check("usage recorded = sum of the 200s' costs", wrote && recordedLive === units, `recorded ${recordedLive}, 200s' costs ${units}`);
    const exit = await terminate(api);
    s.check("exit 0 after SIGTERM", exit.code === 0, `exit ${exit.code ?? exit.signal} after ${exit.ms} ms`);
  } finally {
    api.child.kill();
  }
}
