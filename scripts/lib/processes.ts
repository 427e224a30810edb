// Small process helpers for the dev and test scripts: named children with
// prefixed output, readiness probes, and a stop that leaves nothing behind.
import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import { createInterface } from "node:readline";

export type ExitStatus = { code: number | null; signal: NodeJS.Signals | null };

export interface ChildSpec {
  /** Short label, printed as `[name]` before every line of output. */
  name: string;
  command: string;
  args?: readonly string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** "prefix" (default) writes prefixed lines to this process's stdout/stderr; "capture" keeps them for error messages. */
  output?: "prefix" | "capture";
  /** Sees every line of output (stdout and stderr), for example to notice "done". */
  onLine?: (line: string) => void;
}

export interface NamedChild {
  readonly name: string;
  readonly pid: number;
  /** Settles when the process exits, however it exits. */
  readonly exited: Promise<ExitStatus>;
  /** Aborted when the process exits: pass it to a wait so that the wait ends with the child. */
  readonly lifetime: AbortSignal;
  readonly running: boolean;
  /** The last lines of output, when spawned with output "capture". */
  readonly captured: readonly string[];
  /** SIGTERM to its whole process group, then SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<ExitStatus>;
  /** SIGKILL to its process group, synchronously (for process "exit" handlers). */
  kill(): void;
}

// Each child leads its own process group: a terminal's Ctrl-C then reaches
// only the orchestrator, which stops children in its own order, and a stop
// reaches the grandchildren too (`next dev` runs its server in a second
// process that would otherwise keep the port).
const ownGroup = process.platform !== "win32";

const COLORS = [36, 35, 33, 32, 34, 96, 95, 93];
const colorOf = new Map<string, number>();

function colorize(text: string, color: number): string {
  return process.stdout.isTTY && !process.env.NO_COLOR ? `\x1b[${color}m${text}\x1b[0m` : text;
}

/** A colored `[name]` prefix, from the same palette as the children's. */
export function prefixFor(name: string): string {
  if (!colorOf.has(name)) colorOf.set(name, COLORS[colorOf.size % COLORS.length]!);
  return colorize(`[${name}]`, colorOf.get(name)!);
}

/** Prints lines as a named child's would appear, for the orchestrator's own parts. */
export function namedLogger(name: string, sink: NodeJS.WriteStream = process.stdout): (line: string) => void {
  const prefix = prefixFor(name);
  return (line) => {
    for (const part of line.split("\n")) sink.write(`${prefix} ${part}\n`);
  };
}

const CAPTURED_LINES = 200;
const ANSI_CODES = /\x1b\[[0-9;?]*[A-Za-z]/g;

export function spawnNamed(spec: ChildSpec): NamedChild {
  const child = spawn(spec.command, [...(spec.args ?? [])], {
    cwd: spec.cwd,
    env: spec.env ?? process.env,
    stdio: ["ignore", "pipe", "pipe"],
    detached: ownGroup,
  });
  const prefix = prefixFor(spec.name);
  const captured: string[] = [];
  const pipe = (stream: NodeJS.ReadableStream | null, sink: NodeJS.WriteStream) => {
    if (!stream) return;
    createInterface({ input: stream, crlfDelay: Infinity }).on("line", (line) => {
      // Blank lines (or ones holding only terminal control codes) are spacing
      // meant for a terminal of its own; interleaved with others they are noise.
      if (!line.replace(ANSI_CODES, "").trim()) return;
      spec.onLine?.(line);
      if (spec.output === "capture") {
        captured.push(line);
        if (captured.length > CAPTURED_LINES) captured.shift();
      } else {
        sink.write(`${prefix} ${line}\n`);
      }
    });
  };
  pipe(child.stdout, process.stdout);
  pipe(child.stderr, process.stderr);

  const lifetime = new AbortController();
  let running = true;
  const exited = new Promise<ExitStatus>((resolve) => {
    // "error" without "exit" means it never started (command not found).
    child.on("error", (error) => {
      if (child.pid !== undefined) return;
      running = false;
      captured.push(error.message);
      if (spec.output !== "capture") process.stderr.write(`${prefix} could not start: ${error.message}\n`);
      lifetime.abort();
      resolve({ code: 127, signal: null });
    });
    child.once("exit", (code, signal) => {
      running = false;
      lifetime.abort();
      // Let its last lines through, unless a grandchild holds the pipes open.
      const closed = new Promise((done) => child.once("close", done));
      void Promise.race([closed, sleep(500)]).then(() => resolve({ code, signal }));
    });
  });

  return {
    name: spec.name,
    pid: child.pid ?? -1,
    exited,
    lifetime: lifetime.signal,
    captured,
    get running() {
      return running;
    },
    stop: (graceMs = 5000) => stopProcessGroup(child, exited, graceMs),
    kill: () => signalGroup(child, "SIGKILL"),
  };
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals | 0): boolean {
  if (child.pid === undefined) return false;
  try {
    if (ownGroup) process.kill(-child.pid, signal);
    else child.kill(signal);
    return true;
  } catch {
    return false; // ESRCH: nothing left in the group
  }
}

function groupAlive(child: ChildProcess): boolean {
  if (!ownGroup) return child.exitCode === null && child.signalCode === null;
  return signalGroup(child, 0);
}

async function stopProcessGroup(child: ChildProcess, exited: Promise<ExitStatus>, graceMs: number) {
  // Even when the leader has exited, its group may still hold a grandchild.
  if (signalGroup(child, "SIGTERM")) {
    const deadline = Date.now() + graceMs;
    while (groupAlive(child) && Date.now() < deadline) await sleep(50);
    if (groupAlive(child)) signalGroup(child, "SIGKILL");
  }
  return exited;
}

/** Runs a child to the end; rejects, naming it, unless it exits with code 0. */
export async function runToCompletion(spec: ChildSpec): Promise<void> {
  const child = spawnNamed(spec);
  const { code, signal } = await child.exited;
  if (code === 0) return;
  const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
  const detail = child.captured.length ? `\n${child.captured.slice(-40).join("\n")}` : "";
  throw new Error(`${spec.name} ${how}${detail}`);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export interface WaitOptions {
  timeoutMs?: number;
  intervalMs?: number;
  /** Stops waiting (and rejects) when aborted, for example a child's `lifetime`. */
  signal?: AbortSignal;
  /** Errors that waiting will not fix: rethrown at once instead of retried. */
  isFatal?: (error: unknown) => boolean;
}

/**
 * Calls `probe` until it returns true. Rejects after the timeout with
 * `description` and the probe's last error, or as soon as `signal` aborts.
 */
export async function waitFor(
  description: string,
  probe: () => Promise<boolean>,
  { timeoutMs = 30_000, intervalMs = 100, signal, isFatal }: WaitOptions = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    if (signal?.aborted) throw new Error(`gave up waiting for ${description}: it stopped`);
    try {
      if (await probe()) return;
    } catch (error) {
      if (isFatal?.(error)) throw error;
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const reason = lastError instanceof Error ? ` (last error: ${lastError.message})` : "";
      throw new Error(`timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${description}${reason}`);
    }
    await sleep(intervalMs);
  }
}

/** True once something accepts TCP connections on host:port. */
export function canConnect(port: number, host = "127.0.0.1", timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

export function waitForPort(port: number, host = "127.0.0.1", options?: WaitOptions): Promise<void> {
  return waitFor(`${host}:${port} to accept connections`, () => canConnect(port, host), options);
}

/** Waits for an HTTP answer; by default any status counts, `ok` narrows it. */
export function waitForHttp(
  url: string,
  options: WaitOptions & { ok?: (status: number) => boolean } = {},
): Promise<void> {
  const ok = options.ok ?? (() => true);
  return waitFor(
    url,
    async () => {
      const response = await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(10_000) });
      await response.body?.cancel();
      if (!ok(response.status)) throw new Error(`HTTP ${response.status}`);
      return true;
    },
    { intervalMs: 200, ...options },
  );
}

/**
 * Whether a server could listen on the port. `host` undefined checks the
 * wildcard address, as a server that passes no host binds (`next dev` does).
 */
export function isPortFree(port: number, host?: string): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EADDRINUSE" || error.code === "EACCES") resolve(false);
      else reject(error);
    });
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** A port that was free a moment ago (for tests; another process may take it meanwhile). */
export function findFreePort(host = "127.0.0.1"): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once("error", reject);
    server.listen({ port: 0, host }, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
