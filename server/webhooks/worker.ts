import { Logger, run, runMigrations, type Runner } from "graphile-worker";
import pg from "pg";
import { RETRY_DEFAULTS, type RetryPolicy } from "../../lib/webhooks/backoff";
import { emitKeyExpiryEvents } from "../../lib/webhooks/key-expiry";
import { pgSql } from "../../lib/webhooks/outbox";
import { deliverOnce, type DeliverySettings } from "./deliver";

// The webhook worker: graphile-worker on the project's own PostgreSQL. Jobs
// are rows in its `graphile_worker` schema, added by the outbox on the
// transaction of their cause; any number of workers (one in each API
// instance, or `server/worker.ts` on its own) share them with SKIP LOCKED.

export type WorkerLog = { info(message: string): void; warn(message: string): void; error(message: string): void };

export type WebhookWorkerOptions = {
  databaseUrl: string;
  encryptionKey: string;
  allowPrivate: boolean;
  retry: RetryPolicy;
  /** How often idle workers look for due jobs (new jobs also arrive by NOTIFY). */
  pollIntervalMs: number;
  concurrency?: number;
  timeoutMs?: number;
  /** Run the expiry scan every minute (graphile-worker's cron: once per minute across all workers). */
  expiryScan?: boolean;
  log: WorkerLog;
};

const graphileLogger = (log: WorkerLog) =>
  new Logger(() => (level, message) => {
    if (level === "error") log.error(`webhooks: ${message}`);
    else if (level === "warning") log.warn(`webhooks: ${message}`);
  });

/** Creates or upgrades the job queue's schema (what `npm run db:migrate` also does). */
export async function migrateJobQueue(databaseUrl: string): Promise<void> {
  await runMigrations({ connectionString: databaseUrl, logger: graphileLogger(console) });
}

export async function startWebhookWorker(options: WebhookWorkerOptions): Promise<{ stop(): Promise<void>; runner: Runner }> {
  const concurrency = options.concurrency ?? 4;
  // A connection per running job, one for LISTEN, one for the queue's own polls.
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: concurrency + 2, application_name: "keydeck-webhooks", options: "-c TimeZone=UTC" });
  // A connection the server drops must not crash the process: graphile-worker reconnects.
  pool.on("error", () => {});
  pool.on("connect", (client) => client.on("error", () => {}));
  const settings: DeliverySettings = { encryptionKey: options.encryptionKey, retry: options.retry, allowPrivate: options.allowPrivate, timeoutMs: options.timeoutMs };
  const runner = await run({
    pgPool: pool,
    concurrency,
    pollInterval: options.pollIntervalMs,
    noHandleSignals: true,
    logger: graphileLogger(options.log),
    taskList: {
      webhook_deliver: async (payload) => {
        const { deliveryId, manual } = payload as { deliveryId: string; manual?: boolean };
        await deliverOnce(pool, deliveryId, manual === true, settings);
      },
      webhook_expiry_scan: async () => {
        const client = await pool.connect();
        try {
          await client.query("BEGIN");
          const emitted = await emitKeyExpiryEvents(pgSql(client));
          await client.query("COMMIT");
          if (emitted) options.log.info(`webhooks: ${emitted} key expiry event(s)`);
        } catch (error) {
          await client.query("ROLLBACK").catch(() => {});
          throw error;
        } finally {
          client.release();
        }
      },
    },
    crontab: options.expiryScan === false ? "" : "* * * * * webhook_expiry_scan ?max=1",
  });
  return {
    runner,
    async stop() {
      await runner.stop();
      await pool.end();
    },
  };
}

/** The worker's settings from the API service's validated environment. */
export function webhookWorkerOptionsFromEnv(
  config: { DATABASE_URL: string; EMBED_ENCRYPTION_KEY: string; WEBHOOK_ALLOW_PRIVATE: boolean; WEBHOOK_RETRY_BASE_MS: number; WEBHOOK_POLL_MS: number },
  log: WorkerLog,
): WebhookWorkerOptions {
  return {
    databaseUrl: config.DATABASE_URL,
    encryptionKey: config.EMBED_ENCRYPTION_KEY,
    allowPrivate: config.WEBHOOK_ALLOW_PRIVATE,
    retry: { ...RETRY_DEFAULTS, baseMs: config.WEBHOOK_RETRY_BASE_MS },
    pollIntervalMs: config.WEBHOOK_POLL_MS,
    log,
  };
}
