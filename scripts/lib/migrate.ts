import { spawn } from "node:child_process";
import { Logger, runMigrations } from "graphile-worker";

const DONE = /All migrations have been successfully applied|No pending migrations to apply/;

/**
 * The schema of everything: Prisma's migrations, then the webhook job
 * queue's own (graphile-worker's `graphile_worker` schema, which the outbox
 * writes jobs into on the same transaction as their cause).
 */
export async function migrateDeploy(databaseUrl: string): Promise<void> {
  await prismaMigrateDeploy(databaseUrl);
  await migrateJobQueue(databaseUrl);
}

/** graphile-worker's migrations (idempotent; `npm run db:migrate` runs them with its CLI). */
export async function migrateJobQueue(databaseUrl: string): Promise<void> {
  await runMigrations({ connectionString: databaseUrl, logger: quietLogger });
}

const quietLogger = new Logger(() => (level, message) => {
  if (level === "error") console.error(message);
});

/**
 * `prisma migrate deploy` against `databaseUrl`. Its work done, the CLI
 * still waits ~10 s on a timer its WASM schema engine leaves running, so it is
 * stopped as soon as it reports success (the migrations are committed by then).
 */
function prismaMigrateDeploy(databaseUrl: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["node_modules/prisma/build/index.js", "migrate", "deploy"], {
      env: { ...process.env, DATABASE_URL: databaseUrl },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    let succeeded = false;
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      if (!succeeded && DONE.test(output)) {
        succeeded = true;
        child.kill("SIGTERM");
        resolve();
      }
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    child.on("exit", (code) => {
      if (succeeded) return;
      if (code === 0) resolve();
      else reject(new Error(`prisma migrate deploy failed (exit ${code}):\n${output}`));
    });
  });
}
