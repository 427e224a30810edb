// Where a server's CPU time went, from a V8 CPU profile written by
// `npm run bench -- --profile` (.data/bench/profiles/*.cpuprofile):
//   npx tsx scripts/bench/profile-summary.ts .data/bench/profiles/api-3.cpuprofile [--top 25]
// Prints self time by package (fastify, find-my-way, pino, node internals,
// Keydeck's own code…) and the top functions by self time. The proportions
// hold on a busy machine too: a profile samples the process's own stack, so
// the share of each part does not depend on how often the process ran.
// (For a flame graph, open the same file in Chrome DevTools' Performance tab
// or at https://www.speedscope.app.)
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";

type CallFrame = { functionName: string; url: string; lineNumber: number };
type ProfileNode = { id: number; callFrame: CallFrame; hitCount?: number };
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
