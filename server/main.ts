// The /api/v1 service: `npm run api` (from source) or `npm run start:api`
// (the bundle `npm run build:api` writes). Its own process, scaled on its
// own; docs/verification-api.md shows how to route /api/v1 to it.
import { apiEnvOrExit } from "../lib/env";
import { serviceOptionsFromEnv, VerificationService, type ServiceLog } from "./engine/service";
import { buildApp } from "./app";
import { startWebhookWorker, webhookWorkerOptionsFromEnv } from "./webhooks/worker";

/** How long SIGTERM waits for open requests, then for the last metering batch. */
const DRAIN_TIMEOUT_MS = 10_000;
/** The database may come up after the service (containers): keep trying this long. */
const START_TIMEOUT_MS = 60_000;

async function main() {
  const config = apiEnvOrExit();
  // The service logs through the app's pino logger, which exists once the app does.
  let log: ServiceLog = console;
  const service = new VerificationService(serviceOptionsFromEnv(config, { info: (m) => log.info(m), warn: (m) => log.warn(m), error: (m) => log.error(m) }));
  const app = buildApp(service, { trustedHops: config.TRUST_PROXY, logLevel: config.API_LOG_LEVEL });
  log = { info: (m) => app.log.info(m), warn: (m) => app.log.warn(m), error: (m) => app.log.error(m) };

  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    try {
      await service.start();
      break;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      log.warn(`waiting for the database: ${error instanceof Error ? error.message : error}`);
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
  await app.listen({ port: config.API_PORT, host: config.API_HOST });
  // Webhook deliveries and the key-expiry scan run beside the API unless
  // WEBHOOK_WORKER=off (then `npm run worker` runs them in a process of its own).
  const worker = config.WEBHOOK_WORKER === "on" ? await startWebhookWorker(webhookWorkerOptionsFromEnv(config, log)) : null;

  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal}: draining requests, flushing usage, stopping`);
    // Drain: no new connections; open ones get their answers with Connection: close.
    const forced = setTimeout(() => app.server.closeAllConnections(), DRAIN_TIMEOUT_MS);
    await app.close();
    clearTimeout(forced);
    // A delivery cut short here is sent again by its retry, which is already queued.
    await worker?.stop().catch((error: unknown) => log.error(`webhook worker: ${String(error)}`));
    // Flush: everything counted is written before the process goes.
    await service.close(DRAIN_TIMEOUT_MS);
    process.exit(0);
  };
  process.on("SIGTERM", (signal) => void stop(signal));
  process.on("SIGINT", (signal) => void stop(signal));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
