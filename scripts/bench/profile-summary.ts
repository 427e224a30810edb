// Where a server's CPU time went, from a V8 CPU profile written by
// `npm run bench -- --profile` (.data/bench/profiles/*.cpuprofile):
//   npx tsx scripts/bench/profile-summary.ts .data/bench/profiles/api-3.cpuprofile [--top 25]
// Prints self time by package (fastify, find-my-way, pino, node internals,
// Keydeck's own code…), the top functions by self time, and the stalls: the
// stretches in which garbage collection or the usage flush held the event
// loop (each one delays every request that arrives meanwhile, which is what
// a p99 is made of). The proportions
// hold on a busy machine too: a profile samples the process's own stack, so
// the share of each part does not depend on how often the process ran.
// (For a flame graph, open the same file in Chrome DevTools' Performance tab
// or at https://www.speedscope.app.)
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";

type CallFrame = { functionName: string; url: string; lineNumber: number };
type ProfileNode = { id: number; callFrame: CallFrame; hitCount?: number; children?: number[] };
type Profile = { nodes: ProfileNode[]; startTime: number; endTime: number; samples: number[]; timeDeltas: number[] };

const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: "string", default: "25" } } });
if (positionals.length !== 1) {
  console.error("usage: tsx scripts/bench/profile-summary.ts <file.cpuprofile> [--top 25]");
  process.exit(2);
}
const profile = JSON.parse(readFileSync(positionals[0]!, "utf8")) as Profile;

/** The package a frame belongs to: a node_modules package, node's own code, V8's pseudo-frames, or ours. */
function packageOf({ url, functionName }: CallFrame): string {
  if (!url) return functionName.startsWith("(") ? functionName : "(native)";
  if (url.startsWith("node:")) return "node internals";
  const modules = url.lastIndexOf("node_modules/");
  if (modules >= 0) {
    const rest = url.slice(modules + "node_modules/".length).split("/");
    return rest[0]!.startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  // The bundle's source maps are not applied to profiles: our code is the bundle itself.
  return url.includes("dist/api/") || url.includes(".data/bench/") ? "keydeck (server/ and lib/, bundled)" : url;
}

// Self time per node: each sample is attributed to the node on top of the stack.
const selfUs = new Map<number, number>();
profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const total = [...selfUs.values()].reduce((a, b) => a + b, 0);
const idle = [...selfUs].filter(([id]) => nodes.get(id)?.callFrame.functionName === "(idle)").reduce((a, [, us]) => a + us, 0);
const busy = total - idle;

const byPackage = new Map<string, number>();
const byFunction = new Map<string, number>();
for (const [id, us] of selfUs) {
  const frame = nodes.get(id)!.callFrame;
  if (frame.functionName === "(idle)") continue;
  const pkg = packageOf(frame);
  byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + us);
  const name = `${frame.functionName || "(anonymous)"} ${pkg.startsWith("keydeck") ? `bundle:${frame.lineNumber + 1}` : pkg}`;
  byFunction.set(name, (byFunction.get(name) ?? 0) + us);
}

const pct = (us: number) => `${((us / busy) * 100).toFixed(1)}%`;
console.log(`profile: ${(total / 1e6).toFixed(1)} s sampled, ${(busy / 1e6).toFixed(1)} s busy (${((busy / total) * 100).toFixed(0)}%)\n`);
console.log("self time by package (share of busy time):");
for (const [pkg, us] of [...byPackage].sort((a, b) => b[1] - a[1])) console.log(`  ${pct(us).padStart(6)}  ${pkg}`);
console.log(`\ntop ${values.top} functions by self time:`);
for (const [name, us] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, Number(values.top))) console.log(`  ${pct(us).padStart(6)}  ${name}`);

// Stalls. A stretch is a run of consecutive samples of one kind; an idle
// sample or a sample of another kind ends it. Its length is the time the
// samples cover, so the profile's interval bounds the resolution (the bench
// samples every 200 µs).
const parents = new Map<number, number>();
for (const n of profile.nodes) for (const child of n.children ?? []) parents.set(child, n.id);
/** The usage flush's own functions (server/engine/metering.ts; esbuild keeps the names). */
const FLUSH_FUNCTIONS = new Set(["flushOnce", "prepare", "write", "writeRows", "eachSlice", "handOver", "applyTotals", "readTotals", "toBuffer"]);
const kindCache = new Map<number, "gc" | "flush" | "other">();
function kindOf(id: number): "gc" | "flush" | "other" {
  const known = kindCache.get(id);
  if (known) return known;
  let kind: "gc" | "flush" | "other" = "other";
  if (nodes.get(id)!.callFrame.functionName === "(garbage collector)") kind = "gc";
  else {
    for (let at: number | undefined = id; at !== undefined; at = parents.get(at)) {
      const frame = nodes.get(at)!.callFrame;
      if (packageOf(frame).startsWith("keydeck") && FLUSH_FUNCTIONS.has(frame.functionName)) {
        kind = "flush";
        break;
      }
    }
  }
  kindCache.set(id, kind);
  return kind;
}
const stretches: Record<"gc" | "flush", number[]> = { gc: [], flush: [] };
let current: { kind: "gc" | "flush" | "other"; us: number } = { kind: "other", us: 0 };
profile.samples.forEach((id, i) => {
  // A sample's delta is the time since the previous one: it belongs to this sample's stretch.
  const kind = nodes.get(id)!.callFrame.functionName === "(idle)" ? "other" : kindOf(id);
  if (kind !== current.kind) {
    if (current.kind !== "other") stretches[current.kind].push(current.us);
    current = { kind, us: 0 };
  }
  current.us += profile.timeDeltas[i] ?? 0;
});
if (current.kind !== "other") stretches[current.kind].push(current.us);
const seconds = total / 1e6;
console.log(`
stalls (stretches of consecutive samples; per 10 s of profile):`);
for (const [label, kind] of [["garbage collector", "gc"], ["usage flush", "flush"]] as const) {
  const list = stretches[kind];
  const over = (ms: number) => ((list.filter((us) => us >= ms * 1000).length / seconds) * 10).toFixed(1);
  const sum = list.reduce((a, b) => a + b, 0);
  console.log(
    `  ${label.padEnd(18)} ${over(2).padStart(6)} ≥ 2 ms, ${over(5).padStart(6)} ≥ 5 ms, longest ${(Math.max(0, ...list) / 1000).toFixed(1)} ms, ${pct(sum)} of busy time`,
  );
}
