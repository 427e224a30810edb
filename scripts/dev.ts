// `npm run dev`: the whole development environment in one command.
//   database (an embedded PostgreSQL server, or DATABASE_URL) → prisma
//   generate / migrate deploy → demo seed → dev identity provider → /api/v1
//   service → next dev
// One Ctrl-C stops everything, last started first; if this process dies, the
// embedded server stops by itself (lib/embedded-postgres.ts). Env: see README
// (PORT, DEV_IDP_PORT, API_PORT, EMBEDDED_PG_PORT, DATABASE_URL, SEED_DEMO=0, KEYCLOAK_*).
import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { migrateJobQueue } from "./lib/migrate";
import { loadEnvConfig } from "@next/env";
import { parseEnv } from "../lib/env";
import { issuerFor, realmPath } from "./dev-idp/config";
import { devUsers } from "./dev-idp/users";
import { devDataDir, maskDatabaseUrl, startEmbeddedPostgres, waitForPostgres } from "./lib/embedded-postgres";
import {
  isPortFree,
  namedLogger,
  spawnNamed,
  waitForHttp,
  type ChildSpec,
  type NamedChild,
} from "./lib/processes";

const root = path.resolve(__dirname, "..");
const log = namedLogger("dev");
const logError = namedLogger("dev", process.stderr);
const startedAt = Date.now();

/** A long-running child. Another service (the /api/v1 server) is one more entry in `services()`. */
interface Service {
  name: string;
  args: string[];
  env?: Record<string, string>;
  /** Where it listens, checked free before anything starts; `host` undefined is every interface. */
  port: { number: number; envVar: string; host?: string };
  /** Answers (with `ok` status) once the service is ready. */
  readyUrl: string;
  readyStatus?: (status: number) => boolean;
  readyTimeoutMs: number;
}

type Settings = ReturnType<typeof readSettings>;

// ---------- settings ----------

function portFromEnv(envVar: string, fallback: number): number {
  const raw = process.env[envVar]?.trim();
  if (!raw) return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`${envVar} must be a port number, got "${raw}"`);
  return port;
}

function readSettings() {
  const webPort = portFromEnv("PORT", 3000);
  const apiPort = portFromEnv("API_PORT", 4000);
  const idpPort = portFromEnv("DEV_IDP_PORT", 8080);
  // PostgreSQL's own port unless it is taken (by a system server, say); a port asked for must be free.
  const dbPort = portFromEnv("EMBEDDED_PG_PORT", 5432);
  const dbPortTaken = process.env.EMBEDDED_PG_PORT?.trim() ? ("fail" as const) : ("any" as const);
  const databaseUrl = process.env.DATABASE_URL?.trim() || undefined;
  const devIssuer = issuerFor(idpPort);
  // The app's own defaults (lib/env.ts), so that the identity provider gets
  // the same client id and secret as the app. NEXTAUTH_URL must be the origin
  // the browser uses, or the sign-in state cookie is lost.
  const config = parseEnv({
    ...process.env,
    NODE_ENV: "development",
    DATABASE_URL: databaseUrl ?? "postgresql://embedded",
    NEXTAUTH_URL: process.env.NEXTAUTH_URL?.trim() || `http://localhost:${webPort}`,
    KEYCLOAK_ISSUER: process.env.KEYCLOAK_ISSUER?.trim() || devIssuer,
    API_BASE_URL: process.env.API_BASE_URL?.trim() || `http://localhost:${apiPort}`,
  });
  return {
    webPort,
    apiPort,
    idpPort,
    dbPort,
    dbPortTaken,
    databaseUrl,
    config,
    // A KEYCLOAK_ISSUER of your own (a real Keycloak) replaces the dev provider.
    startIdp: config.KEYCLOAK_ISSUER === devIssuer,
    seed: process.env.SEED_DEMO?.trim() !== "0",
  };
}

function services(settings: Settings): Service[] {
  const { config, idpPort, webPort, apiPort } = settings;
  const list: (Service | false)[] = [
    settings.startIdp && {
      name: "idp",
      args: ["--import", "tsx", "scripts/dev-idp/main.ts"],
      env: { DEV_IDP_PORT: String(idpPort), DEV_IDP_APP_URLS: process.env.DEV_IDP_APP_URLS || config.NEXTAUTH_URL },
      port: { number: idpPort, envVar: "DEV_IDP_PORT", host: "127.0.0.1" },
      readyUrl: `${config.KEYCLOAK_ISSUER}/.well-known/openid-configuration`,
      readyStatus: (status) => status === 200,
      readyTimeoutMs: 30_000,
    },
    {
      // The /api/v1 verification service (server/main.ts), from source.
      name: "api",
      args: ["--conditions=react-server", "--import", "tsx", "server/main.ts"],
      // Development: webhook endpoints on this machine (http://localhost:…) are allowed.
      env: { API_PORT: String(apiPort), WEBHOOK_ALLOW_PRIVATE: process.env.WEBHOOK_ALLOW_PRIVATE ?? "1" },
      port: { number: apiPort, envVar: "API_PORT" },
      readyUrl: `http://127.0.0.1:${apiPort}/healthz`,
      readyStatus: (status) => status === 200,
      readyTimeoutMs: 60_000,
    },
    {
      name: "web",
      // The bin itself, not npx: one process (group) to stop.
      args: [path.join(root, "node_modules/next/dist/bin/next"), "dev", "--port", String(webPort)],
      // next dev flushes telemetry from a detached process that outlives
      // the stop (and there is no network to send it to): off unless asked for.
      env: { NEXT_TELEMETRY_DISABLED: process.env.NEXT_TELEMETRY_DISABLED ?? "1", WEBHOOK_ALLOW_PRIVATE: process.env.WEBHOOK_ALLOW_PRIVATE ?? "1" },
      port: { number: webPort, envVar: "PORT" },
      // Any answer will do: the first one compiles the home page, so the
      // first visit after the banner is quick.
      readyUrl: `http://127.0.0.1:${webPort}/`,
      readyTimeoutMs: 180_000,
    },
  ];
  return list.filter((service): service is Service => service !== false);
}

// ---------- supervision ----------

/** Everything running, in start order; stopped in reverse. */
const running: { name: string; stop(): Promise<unknown>; kill(): void }[] = [];
let shuttingDown = false;

async function shutdown(exitCode: number, reason: string) {
  if (shuttingDown) return;
  shuttingDown = true;
  (exitCode === 0 ? log : logError)(reason);
  for (const part of [...running].reverse()) {
    await part.stop();
  }
  process.exit(exitCode);
}

let firstSignalAt = 0;

function onSignal(signal: NodeJS.Signals) {
  if (!shuttingDown) {
    firstSignalAt = Date.now();
    return void shutdown(0, `${signal}: stopping (press Ctrl-C again to force)`);
  }
  // One Ctrl-C can arrive several times: from the terminal to the whole
  // process group, and forwarded again by npm (and tsx's CLI).
  if (Date.now() - firstSignalAt < 1000) return;
  log("forced stop");
  process.exit(1); // the "exit" handler kills what is left
}
process.on("SIGINT", onSignal);
process.on("SIGTERM", onSignal);
process.on("SIGHUP", onSignal);
// Whatever way this process ends, no child outlives it holding a port.
process.on("exit", () => running.forEach((part) => part.kill()));

function spawnChild(spec: ChildSpec): NamedChild {
  if (shuttingDown) throw new Error("stopping");
  const child = spawnNamed({ cwd: root, ...spec });
  const entry = { name: spec.name, stop: () => child.stop(), kill: () => child.kill() };
  running.push(entry);
  void child.exited.then(() => {
    if (running.includes(entry)) running.splice(running.indexOf(entry), 1);
  });
  return child;
}

/**
 * Runs a step (generate, migrate, seed) to the end; Ctrl-C meanwhile stops it
 * too. `finished`, when given, may end it early: on a line saying it is done,
 * if `finished.confirm()` agrees, the step is stopped and counts as success.
 */
async function runStep(
  name: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  finished?: { line: RegExp; confirm: () => Promise<boolean> },
) {
  let finishedEarly = false;
  const child = spawnChild({
    name,
    command: process.execPath,
    args,
    env,
    onLine: (line) => {
      if (!finished?.line.test(line)) return;
      void finished.confirm().then((done) => {
        if (done && child.running) {
          finishedEarly = true;
          void child.stop();
        }
      }, () => {});
    },
  });
  const { code, signal } = await child.exited;
  if (shuttingDown) await new Promise(() => {}); // shutdown() exits
  if (code !== 0 && !finishedEarly) throw new Error(`${name} failed (${signal ?? `exit code ${code}`}); see its output above`);
}

async function startService(service: Service, env: NodeJS.ProcessEnv) {
  const child = spawnChild({
    name: service.name,
    command: process.execPath,
    args: service.args,
    env: { ...env, ...service.env },
  });
  void child.exited.then(({ code, signal }) => {
    const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
    void shutdown(1, `${service.name} ${how} unexpectedly; stopping the rest`);
  });
  await waitForHttp(service.readyUrl, {
    ok: service.readyStatus,
    timeoutMs: service.readyTimeoutMs,
    signal: child.lifetime,
  });
}

// ---------- steps ----------

function assertNodeVersion() {
  const [major = 0, minor = 0] = process.versions.node.split(".").map(Number);
  if (major < 20 || (major === 20 && minor < 9)) {
    throw new Error(`Node.js ${process.versions.node} is too old: Keydeck needs 20.9 or newer.`);
  }
}

async function assertPortsFree(settings: Settings, list: Service[]) {
  const ports = list.map((service) => ({ name: service.name, ...service.port }));
  if (!settings.databaseUrl && settings.dbPortTaken === "fail") {
    ports.unshift({ name: "db", number: settings.dbPort, envVar: "EMBEDDED_PG_PORT", host: "127.0.0.1" });
  }
  for (const { name, number, envVar, host } of ports) {
    if (!(await isPortFree(number, host))) {
      throw new Error(
        `Port ${number} (${name}) is already in use. Stop what holds it (another \`npm run dev\`? try \`lsof -i :${number}\`), or choose another port with ${envVar}=<port>.`,
      );
    }
  }
}

async function startDatabase(settings: Settings): Promise<string> {
  const dbLog = namedLogger("db");
  if (settings.databaseUrl) {
    dbLog(`using DATABASE_URL (${maskDatabaseUrl(settings.databaseUrl)})`);
    await waitForPostgres(settings.databaseUrl).catch((error: Error & { code?: string }) => {
      const hint = error.code === "3D000" ? " (create it with createdb, or unset DATABASE_URL to use the embedded one)" : "";
      throw new Error(`cannot use DATABASE_URL (${maskDatabaseUrl(settings.databaseUrl!)}): ${error.message}${hint}`);
    });
    return settings.databaseUrl;
  }
  const db = await startEmbeddedPostgres({
    dataDir: await devDataDir(root),
    port: settings.dbPort,
    portTaken: settings.dbPortTaken,
    // Its routine LOG lines (checkpoints, connections) would drown the app's;
    // a statement's ERROR is the app's to report; our own readiness probe
    // meets "starting up" once.
    log: (line) => {
      if (/\b(WARNING|FATAL|PANIC):/.test(line) && !/the database system is starting up/.test(line)) dbLog(line);
    },
  });
  // Stopped last (a kill needs nothing: the server stops when this process ends).
  running.push({ name: "db", stop: () => db.stop(), kill: () => {} });
  void db.exited.then(({ code, signal }) => shutdown(1, `the database stopped unexpectedly (${signal ?? `exit code ${code}`}); stopping the rest`));
  dbLog(`PostgreSQL ${db.version} in ${path.relative(root, db.dataDir)}, listening on 127.0.0.1:${db.port}`);
  return db.url;
}

/** Whether `prisma generate` ran for this schema and this @prisma/client version (npm 11 skips its postinstall). */
function prismaClientIsCurrent(): boolean {
  const generated = path.join(root, "node_modules/.prisma/client");
  // The generated copy of the schema comes out formatted: compare modulo spacing.
  const schema = (file: string) => readFileSync(file, "utf8").replace(/[ \t]+/g, " ");
  const version = (file: string) => (JSON.parse(readFileSync(file, "utf8")) as { version?: string }).version;
  try {
    return (
      schema(path.join(generated, "schema.prisma")) === schema(path.join(root, "prisma/schema.prisma")) &&
      version(path.join(generated, "package.json")) === version(path.join(root, "node_modules/@prisma/client/package.json"))
    );
  } catch {
    return false;
  }
}

/**
 * Migrations in prisma/migrations that the database has not applied, or
 * undefined when unsure (then `migrate deploy` decides). Skipping a no-op
 * deploy saves ~12 s (see prepareDatabase).
 */
async function pendingMigrations(url: string): Promise<string[] | undefined> {
  const dir = path.join(root, "prisma/migrations");
  const local = readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(dir, entry.name, "migration.sql")))
    .map((entry) => entry.name);
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    const { rows } = await client.query<{ migration_name: string; finished_at: Date | null; rolled_back_at: Date | null }>(
      "SELECT migration_name, finished_at, rolled_back_at FROM _prisma_migrations",
    );
    if (rows.some((row) => !row.finished_at && !row.rolled_back_at)) return undefined; // a failed one: let deploy say so
    const applied = new Set(rows.filter((row) => row.finished_at && !row.rolled_back_at).map((row) => row.migration_name));
    return local.filter((name) => !applied.has(name));
  } catch (error) {
    return (error as { code?: string }).code === "42P01" ? local : undefined; // no table yet: all pending
  } finally {
    await client.end().catch(() => {});
  }
}

async function prepareDatabase(settings: Settings, env: NodeJS.ProcessEnv) {
  const prisma = path.join(root, "node_modules/prisma/build/index.js");
  if (prismaClientIsCurrent()) log("Prisma client is up to date");
  else await runStep("generate", [prisma, "generate"], env);

  const url = env.DATABASE_URL!;
  if ((await pendingMigrations(url))?.length === 0) log("database schema is up to date");
  else
    await runStep("migrate", [prisma, "migrate", "deploy"], env, {
      // Its work done, the CLI still waits ~10 s on a timer the WASM schema
      // engine leaves running (its advisory-lock timeout): stop it once the
      // database agrees that nothing is pending.
      line: /All migrations have been successfully applied|No pending migrations to apply/,
      confirm: async () => (await pendingMigrations(url))?.length === 0,
    });
  // The webhook job queue's schema (graphile-worker's migrations: idempotent, fast).
  await migrateJobQueue(url);

  if (settings.seed) await runStep("seed", ["--conditions=react-server", "--import", "tsx", "prisma/seed.ts"], env);
  else log("SEED_DEMO=0: not seeding demo data");
}

function printBanner(settings: Settings, databaseUrl: string) {
  const { config } = settings;
  const bold = (text: string) => (process.stdout.isTTY && !process.env.NO_COLOR ? `\x1b[1m${text}\x1b[0m` : text);
  const database = settings.databaseUrl
    ? maskDatabaseUrl(databaseUrl)
    : `embedded PostgreSQL, ${databaseUrl}`;
  const lines = [
    "",
    bold(`  Keydeck is running (ready in ${((Date.now() - startedAt) / 1000).toFixed(1)} s)`),
    "",
    `  Open       ${bold(config.NEXTAUTH_URL)}   (this exact origin: sign-in cookies are tied to it)`,
    `  Database   ${database}`,
    `  API        ${config.API_BASE_URL}/api/v1   (contract: ${config.API_BASE_URL}/api/v1/openapi.json)`,
  ];
  if (settings.startIdp) {
    lines.push(`  Sign-in    dev identity provider at ${config.KEYCLOAK_ISSUER.replace(realmPath, "")}`);
    for (const user of devUsers) lines.push(`             ${user.username.padEnd(8)} password ${user.password.padEnd(16)} ${user.name}`);
  } else {
    lines.push(`  Sign-in    Keycloak at ${config.KEYCLOAK_ISSUER}`);
  }
  if (settings.seed) lines.push("  Demo data  Acme Payments (alice owner, bob viewer), Weather API (bob owner)");
  lines.push("  Stop       Ctrl-C", "");
  console.log(lines.join("\n"));
}

// ---------- main ----------

async function main() {
  assertNodeVersion();
  const { loadedEnvFiles } = loadEnvConfig(root, true, { info: () => {}, error: console.error });
  if (loadedEnvFiles.length) log(`loaded ${loadedEnvFiles.map((file) => file.path).join(", ")}`);

  const settings = readSettings();
  const list = services(settings);
  await assertPortsFree(settings, list);

  const databaseUrl = await startDatabase(settings);
  const { config } = settings;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "development",
    DATABASE_URL: databaseUrl,
    NEXTAUTH_URL: config.NEXTAUTH_URL,
    NEXTAUTH_SECRET: config.NEXTAUTH_SECRET,
    API_BASE_URL: config.API_BASE_URL,
    KEYCLOAK_ISSUER: config.KEYCLOAK_ISSUER,
    KEYCLOAK_CLIENT_ID: config.KEYCLOAK_CLIENT_ID,
    KEYCLOAK_CLIENT_SECRET: config.KEYCLOAK_CLIENT_SECRET,
    // Children write to pipes; keep their colors when we write to a terminal.
    ...(process.stdout.isTTY && !process.env.NO_COLOR ? { FORCE_COLOR: "1" } : {}),
  };
  await prepareDatabase(settings, env);

  for (const service of list) await startService(service, env);
  printBanner(settings, databaseUrl);
}

main().catch((error: unknown) => {
  void shutdown(1, `error: ${error instanceof Error ? error.message : String(error)}`);
});
