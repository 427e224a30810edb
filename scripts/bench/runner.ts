// What both benchmarks (main.ts, fleet.ts) do with processes: start a
// node child, run one load process, stop a server so that it flushes.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import type { LoadResult } from "./load";

export const root = path.resolve(__dirname, "../..");

export const log = (line: string) => console.log(`[bench] ${line}`);

export const fmt = (n: number, digits = 0) => n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });

export const node = (args: string[], env: NodeJS.ProcessEnv, cwd = root) => spawn(process.execPath, args, { cwd, env, stdio: ["ignore", "inherit", "inherit"] });

/** One load run (scripts/bench/load.ts) in a process of its own; `url` may list several servers, the connections spread over them. */
export function runLoad(url: string | string[], connections: number, runSeconds: number, keysFile: string, fields?: Record<string, unknown>): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/bench/load.ts", JSON.stringify({ url, connections, seconds: runSeconds, keysFile, fields })], {
      cwd: root,
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout!.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out.trim().split("\n").at(-1)!) as LoadResult) : reject(new Error(`load exited with ${code}`))));
  });
}

/** SIGTERM (the servers drain and flush), SIGKILL after 20 s. */
export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
  await exited;
  clearTimeout(timer);
}
