import { spawn, type ChildProcess } from "node:child_process";
import { findFreePort, waitForHttp } from "@/scripts/lib/processes";

export type ApiProcess = { url: string; child: ChildProcess; output: string[]; exited: Promise<number | null>; stop(signal?: NodeJS.Signals): Promise<number | null> };

/** The real service (server/main.ts) as a child process, as an operator runs it. */
export async function spawnApi(env: Record<string, string> = {}): Promise<ApiProcess> {
  const port = await findFreePort();
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "server/main.ts"], {
    env: {
      ...process.env,
      API_PORT: String(port),
      API_HOST: "127.0.0.1",
      API_LOG_LEVEL: "warn",
      API_DATABASE_POOL_SIZE: "4",
      // Test files share one database: an instance killed without SIGTERM
      // keeps its row, and every later revoke in the run waits its lease plus
      // this grace for it (30 s at the default). Tests of the grace set their own.
      CACHE_OUTAGE_GRACE_MS: "1000",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  child.stdout!.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const lifetime = new AbortController();
  void exited.then(() => lifetime.abort());
  try {
    await waitForHttp(`${url}/healthz`, { ok: (status) => status === 200, timeoutMs: 30_000, intervalMs: 100, signal: lifetime.signal });
  } catch (error) {
    child.kill("SIGKILL");
    throw new Error(`the API process did not start: ${(error as Error).message}\n${output.join("")}`);
  }
  return {
    url,
    child,
    output,
    exited,
    async stop(signal = "SIGTERM") {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
