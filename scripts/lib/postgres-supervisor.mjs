// Runs one PostgreSQL server for scripts/lib/embedded-postgres.ts and makes
// sure it does not outlive the process that asked for it. PostgreSQL keeps
// running when its parent dies, even of SIGKILL; this process sits between
// them and holds a pipe from the parent on its stdin: the pipe closes however
// the parent ends, and then the server is stopped. Plain JavaScript so that
// it starts in milliseconds, without a TypeScript loader.
//
// argv[2]: JSON { command, args, uid?, gid?, removeOnExit? }
// stdin closed, SIGTERM or SIGINT: stop the server (fast shutdown, then
// immediate, then SIGKILL), remove `removeOnExit` if given, exit with the
// server's status.
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";

const config = JSON.parse(process.argv[2] ?? "{}");
const FAST_SHUTDOWN_MS = 10_000;
const IMMEDIATE_SHUTDOWN_MS = 5_000;

const server = spawn(config.command, config.args, {
  stdio: ["ignore", "pipe", "pipe"],
  // PostgreSQL refuses to run as root: the caller names the user to run as.
  ...(config.uid === undefined ? {} : { uid: config.uid, gid: config.gid }),
  env: { ...process.env, LC_MESSAGES: "C" },
});

// Once the parent is gone these writes fail (EPIPE): the server must go on
// stopping regardless, so write errors are ignored.
process.stdout.on("error", () => {});
process.stderr.on("error", () => {});
server.stdout.on("data", (chunk) => process.stdout.write(chunk));
server.stderr.on("data", (chunk) => process.stderr.write(chunk));

let stopping = false;
function stop() {
  if (stopping || server.exitCode !== null || server.signalCode !== null) return;
  stopping = true;
  // SIGINT is PostgreSQL's "fast" shutdown: it disconnects clients, writes a
  // checkpoint and exits; SIGQUIT skips the checkpoint (recovery at next start).
  server.kill("SIGINT");
  setTimeout(() => server.kill("SIGQUIT"), FAST_SHUTDOWN_MS).unref();
  setTimeout(() => server.kill("SIGKILL"), FAST_SHUTDOWN_MS + IMMEDIATE_SHUTDOWN_MS).unref();
}

process.stdin.on("data", () => {});
process.stdin.on("end", stop);
process.stdin.on("error", stop);
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
process.on("SIGHUP", stop);

function finish(code) {
  if (config.removeOnExit) rmSync(config.removeOnExit, { recursive: true, force: true });
  process.exit(code);
}
server.on("error", (error) => {
  process.stderr.write(`could not start ${config.command}: ${error.message}\n`);
  finish(127);
});
server.on("exit", (code, signal) => finish(code ?? (signal ? 1 : 0)));
