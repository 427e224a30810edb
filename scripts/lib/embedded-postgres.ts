// The zero-setup database: PGlite (PostgreSQL compiled to WASM) served over
// the PostgreSQL wire protocol, in this process. In-process rather than a
// child: stop() closes the database cleanly and quickly, and if this process
// dies the port dies with it (no orphan server holding it).
//
// It is one single-connection database behind a multiplexer: transactions
// serialise across connections and LISTEN/NOTIFY does not cross them. Fine
// for development; integration tests and benchmarks belong on a real server.
import { existsSync, rmSync } from "node:fs";
import { mkdir, readdir, readFile, rename, rm, rmdir, writeFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { keepExtendedQueriesTogether } from "./pglite-message-order";
import { isPortFree, waitFor, type WaitOptions } from "./processes";

export interface EmbeddedPostgresOptions {
  /** PostgreSQL data directory; created (initdb, a few seconds) when missing. */
  dataDir: string;
  /** 0 picks a free port. */
  port: number;
  host?: string;
  /** The multiplexer's connection limit; every connection shares one backend, so keep it small. */
  maxConnections?: number;
  log?: (line: string) => void;
}

export interface EmbeddedPostgres {
  /** postgresql:// URL of the `postgres` database (any user and password are accepted). */
  url: string;
  port: number;
  dataDir: string;
  stop(): Promise<void>;
}

export class PortInUseError extends Error {
  constructor(public readonly port: number) {
    super(`port ${port} is already in use`);
    this.name = "PortInUseError";
  }
}

const STOP_TIMEOUT_MS = 5000;

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const { port, host = "127.0.0.1", maxConnections = 10, log = () => {} } = options;
  const dataDir = path.resolve(options.dataDir);
  // Checked before the (slow) database start; the listen below still reports a race.
  if (port !== 0 && !(await isPortFree(port, host))) throw new PortInUseError(port);
  await mkdir(path.dirname(dataDir), { recursive: true });
  const releaseLock = await lockDataDir(dataDir);

  let db: PGlite | undefined;
  let server: PGLiteSocketServer | undefined;
  try {
    if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
      log(`creating a new database in ${dataDir} (takes a few seconds)`);
      await createDataDir(dataDir);
    }
    db = await PGlite.create(dataDir);
    server = new PGLiteSocketServer({ db, host, port, maxConnections });
    keepExtendedQueriesTogether(server);
    try {
      await server.start();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "EADDRINUSE") throw new PortInUseError(port);
      throw error;
    }
    const actualPort = Number(server.getServerConn().split(":").pop());
    const url = `postgresql://postgres:postgres@${host}:${actualPort}/postgres`;
    // Listening is not answering: check a real query goes through.
    await waitForPostgres(url, { timeoutMs: 30_000 });
    log(`listening on ${host}:${actualPort}`);

    const [opened, listening] = [db, server];
    let stopping: Promise<void> | undefined;
    const stop = () =>
      (stopping ??= withTimeout(
        (async () => {
          await listening.stop(); // rolls back an open transaction, closes the sockets
          await opened.close();
        })(),
        STOP_TIMEOUT_MS,
      )
        .catch((error: unknown) => log(`did not close cleanly: ${error instanceof Error ? error.message : error}`))
        .finally(releaseLock));
    return { url, port: actualPort, dataDir, stop };
  } catch (error) {
    await server?.stop().catch(() => {});
    await db?.close().catch(() => {});
    await releaseLock();
    throw error;
  }
}

/** initdb in a scratch directory, then rename: an interrupted first start leaves no half-made database. */
async function createDataDir(dataDir: string) {
  if (existsSync(dataDir)) {
    if ((await readdir(dataDir)).length > 0) {
      throw new Error(`${dataDir} is not empty and is not a PostgreSQL data directory (no PG_VERSION): move it away`);
    }
    await rmdir(dataDir);
  }
  const scratch = `${dataDir}.creating`;
  await rm(scratch, { recursive: true, force: true });
  const db = await PGlite.create(scratch);
  await db.close();
  await rename(scratch, dataDir);
}

/**
 * Two PGlite instances on one data directory would corrupt it, and PGlite
 * writes no postmaster.pid: keep our own, beside the directory.
 */
async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  const lockFile = `${dataDir}.pid`;
  const holder = Number((await readFile(lockFile, "utf8").catch(() => "")).trim());
  if (Number.isInteger(holder) && holder > 0 && processAlive(holder)) {
    throw new Error(
      `${dataDir} is in use by process ${holder} (another \`npm run dev\`?). Stop it first, or delete ${lockFile} if that process is not Keydeck.`,
    );
  }
  await writeFile(lockFile, `${process.pid}\n`);
  // Also on an abrupt process.exit(); a kill -9 leaves a stale file, which the check above ignores.
  const removeOnExit = () => rmSync(lockFile, { force: true });
  process.on("exit", removeOnExit);
  let released = false;
  return async () => {
    if (released) return;
    released = true;
    process.off("exit", removeOnExit);
    await rm(lockFile, { force: true });
  };
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

// Errors a starting or unreachable server gives; anything else (a wrong
// password, a missing database) will not fix itself by waiting.
const TRANSIENT = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EAI_AGAIN", "57P03"]);

/** Waits until `SELECT 1` succeeds on `url`; fails at once on errors that waiting will not fix. */
export async function waitForPostgres(url: string, options: WaitOptions = {}): Promise<void> {
  await waitFor(
    `PostgreSQL at ${maskDatabaseUrl(url)}`,
    async () => {
      const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
      try {
        await client.connect();
        await client.query("SELECT 1");
        return true;
      } finally {
        await client.end().catch(() => {});
      }
    },
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
