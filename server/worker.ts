// The webhook worker on its own: `npm run worker`. The API service runs the
// same worker inside each instance by default (WEBHOOK_WORKER=on); run this
// instead where deliveries should not share the API's processes.
import { apiEnvOrExit } from "../lib/env";
import { startWebhookWorker, webhookWorkerOptionsFromEnv } from "./webhooks/worker";

async function main() {
  const config = apiEnvOrExit();
  const worker = await startWebhookWorker(webhookWorkerOptionsFromEnv(config, console));
  console.info("webhook worker started");
  const stop = async () => {
    await worker.stop();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop());
  process.on("SIGINT", () => void stop());
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
