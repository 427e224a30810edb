import { defineConfig, devices } from "@playwright/test";
import { findChromium } from "./scripts/lib/chromium";

// End-to-end tests run the production build (`next build` + `next start`)
// against the dev identity provider, on ports of their own so that a running
// `npm run dev` does not get in the way. scripts/test.ts builds the app and
// creates the fresh database (DATABASE_URL) before calling Playwright.
const APP_PORT = Number(process.env.E2E_APP_PORT ?? 3100);
const IDP_PORT = Number(process.env.E2E_IDP_PORT ?? 18080);
export const APP_URL = `http://localhost:${APP_PORT}`;
const ISSUER = `http://127.0.0.1:${IDP_PORT}/realms/keydeck`;
const API_PORT = Number(process.env.E2E_API_PORT ?? 14000);
const API_URL = `http://127.0.0.1:${API_PORT}`;
// A second API instance, as in a fleet. It does not LISTEN (as behind
// PgBouncer), so it learns of a revocation only at its next poll: the
// dashboard must wait for it before it says "Revoked".
const API_2_PORT = API_PORT + 1;
// Invitation emails go here; e2e/teams.spec.ts runs a real SMTP server on it
// while it needs one (with none listening, the app tells the inviter to copy the link).
export const SMTP_PORT = Number(process.env.E2E_SMTP_PORT ?? APP_PORT + 25);

// The production build is tested here with an http identity provider and the
// suite's own secrets, which production refuses; this hatch lets them through
// only while every URL is on loopback (lib/production-config.ts, docs/SECURITY.md).
const LOCAL_TEST_ONLY = { KEYDECK_LOCAL_TEST_ONLY: "http-identity-provider-on-loopback" };

const appEnv = {
  ...LOCAL_TEST_ONLY,
  NODE_ENV: "production",
  PORT: String(APP_PORT),
  DATABASE_URL: process.env.DATABASE_URL ?? "",
  NEXTAUTH_URL: APP_URL,
  NEXTAUTH_SECRET: "e2e-secret-0123456789abcdefghijklmnopqrstuvwxyz",
  KEYCLOAK_ISSUER: ISSUER,
  KEYCLOAK_CLIENT_ID: "keydeck-dashboard",
  KEYCLOAK_CLIENT_SECRET: "e2e-client-secret",
  API_BASE_URL: API_URL,
  EMBED_ENCRYPTION_KEY: "e2e-embed-encryption-key-0123456789abcdefghij",
  SMTP_URL: `smtp://127.0.0.1:${SMTP_PORT}`,
  EMAIL_FROM: "Keydeck <no-reply@keydeck.test>",
  // The webhook spec's receiver listens on 127.0.0.1.
  WEBHOOK_ALLOW_PRIVATE: "1",
};
export const IDP_ADMIN_URL = `http://127.0.0.1:${IDP_PORT}/admin/realms/keydeck`;
export const IDP_CLIENT = { id: appEnv.KEYCLOAK_CLIENT_ID, secret: appEnv.KEYCLOAK_CLIENT_SECRET };

const SECRET_SCAN = /security\/secret-scan\.spec\.ts/;

export default defineConfig({
  testDir: "e2e",
  globalSetup: "./e2e/global-setup.ts",
  outputDir: "test-results",
  fullyParallel: true,
  // Two on CI's two cores: a third made every journey about twice as slow
  // (the cores were saturated) and finished no sooner.
  workers: 2,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  // The journeys are many steps long (sign-in state, several pages, dialogs,
  // waits for every API instance): on CI's 2 shared cores, with the workers
  // and all the servers, 30 s was not enough for some of them.
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json", { outputFile: "test-results/e2e.json" }]],
  use: {
    baseURL: APP_URL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      // The browser scripts/test.ts resolved (CHROMIUM_PATH), found again when Playwright runs alone.
      executablePath: findChromium(),
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: [
    { name: "setup", testMatch: /.*\.setup\.ts/ },
    {
      // Specs that compare snapshots of the whole database run alone, one at
      // a time, before the others: nothing else may write meanwhile.
      name: "isolation",
      testMatch: /e2e\/isolation\/.*\.spec\.ts$/,
      use: { ...devices["Desktop Chrome"], channel: undefined },
      dependencies: ["setup"],
      workers: 1,
    },
    {
      name: "chromium",
      testIgnore: [/e2e\/isolation\//, SECRET_SCAN],
      use: { ...devices["Desktop Chrome"], channel: undefined },
      dependencies: ["setup", "isolation"],
    },
    {
      // After every other spec: searches the build output, the servers' logs,
      // the database and the pages for every secret the run created.
      name: "secret-scan",
      testMatch: SECRET_SCAN,
      use: { ...devices["Desktop Chrome"], channel: undefined },
      dependencies: ["chromium"],
    },
  ],
  webServer: [
    {
      name: "idp",
      command: "node --import tsx scripts/dev-idp/main.ts",
      url: `${ISSUER}/.well-known/openid-configuration`,
      env: {
        DEV_IDP_PORT: String(IDP_PORT),
        DEV_IDP_DATA_DIR: ".data/e2e-idp",
        DEV_IDP_APP_URLS: APP_URL,
        KEYCLOAK_CLIENT_ID: appEnv.KEYCLOAK_CLIENT_ID,
        KEYCLOAK_CLIENT_SECRET: appEnv.KEYCLOAK_CLIENT_SECRET,
      },
      reuseExistingServer: false,
      timeout: 30_000,
    },
    apiInstance("api", API_PORT, "api-server.log", {}),
    apiInstance("api-2", API_2_PORT, "api-server-2.log", { INVALIDATION_LISTEN: "off", INVALIDATION_POLL_MS: "400" }),
    {
      name: "app",
      // The server's log goes to a file that the API-key spec and the secret scan search.
      command: `mkdir -p .data/e2e && exec node_modules/.bin/next start -p ${APP_PORT} > .data/e2e/app-server.log 2>&1`,
      url: `${APP_URL}/login`,
      env: appEnv,
      reuseExistingServer: false,
      timeout: 60_000,
    },
  ],
});

/** The production bundle of the /api/v1 service (scripts/test.ts builds it); its log goes to a file the secret scan searches. */
function apiInstance(name: string, port: number, logFile: string, env: Record<string, string>) {
  return {
    name,
    command: `mkdir -p .data/e2e && exec node dist/api/main.cjs > .data/e2e/${logFile} 2>&1`,
    url: `http://127.0.0.1:${port}/healthz`,
    env: {
      ...LOCAL_TEST_ONLY,
      NODE_ENV: "production",
      DATABASE_URL: appEnv.DATABASE_URL,
      EMBED_ENCRYPTION_KEY: appEnv.EMBED_ENCRYPTION_KEY,
      API_PORT: String(port),
      API_HOST: "127.0.0.1",
      API_LOG_LEVEL: "warn",
      WEBHOOK_ALLOW_PRIVATE: "1",
      WEBHOOK_POLL_MS: "200",
      WEBHOOK_RETRY_BASE_MS: "1000",
      ...env,
    },
    reuseExistingServer: false,
    timeout: 60_000,
  };
}
