// CLI: `node --import tsx scripts/dev-idp/main.ts` (or `npx tsx scripts/dev-idp/main.ts`).
// Env: DEV_IDP_PORT (8080), DEV_IDP_DATA_DIR (.data/dev-idp),
// DEV_IDP_APP_URLS (comma-separated, else NEXTAUTH_URL, else http://localhost:3000),
// KEYCLOAK_CLIENT_ID, KEYCLOAK_CLIENT_SECRET.
import { startDevIdp } from "./server";

// An empty variable counts as unset: an empty value in the environment
// otherwise overrides the default silently.
function env(name: string): string | undefined {
  const value = process.env[name]?.trim();
  return value ? value : undefined;
}

function portFromEnv(): number | undefined {
  const raw = env("DEV_IDP_PORT");
  if (raw === undefined) return undefined;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`dev-idp: DEV_IDP_PORT must be a port number, got "${raw}".`);
  }
  return port;
}

async function main(): Promise<void> {
  const appUrls = (env("DEV_IDP_APP_URLS") ?? env("NEXTAUTH_URL"))
    ?.split(",")
    .map((url) => url.trim())
    .filter(Boolean);

  const idp = await startDevIdp({
    port: portFromEnv(),
    dataDir: env("DEV_IDP_DATA_DIR") ?? ".data/dev-idp",
    appUrls,
    clientId: env("KEYCLOAK_CLIENT_ID"),
    clientSecret: env("KEYCLOAK_CLIENT_SECRET"),
  });
  console.log(`dev-idp: listening at ${idp.issuer} (group admin API at ${idp.adminUrl})`);

  const stop = () => {
    // A second signal, or a close that hangs, still ends the process.
    setTimeout(() => process.exit(1), 1500).unref();
    idp.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
