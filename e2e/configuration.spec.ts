import { spawn } from "node:child_process";
import { expect, test } from "@playwright/test";
import { findFreePort } from "../scripts/lib/processes";

// The production servers refuse to start with a wrong configuration, and say
// which variable is wrong.

/** Runs a server to its exit (45 s at most) and returns its exit code and output. */
async function runToExit(command: string, args: string[], env: Record<string, string>) {
  const child = spawn(command, args, { env: { PATH: process.env.PATH ?? "", ...env } as unknown as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      resolve(null);
    }, 45_000);
    child.on("exit", (exitCode) => {
      clearTimeout(timer);
      resolve(exitCode);
    });
  });
  return { code, output };
}

// A port of its own for each run: the tests of this file run in parallel.
const nextStart = async (env: Record<string, string>) => runToExit("node_modules/.bin/next", ["start", "-p", String(await findFreePort())], env);
const startApi = async (env: Record<string, string>) =>
  runToExit(process.execPath, ["dist/api/main.cjs"], { API_PORT: String(await findFreePort()), API_HOST: "127.0.0.1", ...env });

/** A configuration that would start: real-looking secrets, https everywhere. */
const PRODUCTION = {
  NODE_ENV: "production",
  DATABASE_URL: process.env.DATABASE_URL ?? "",
  NEXTAUTH_URL: "https://keys.example.com",
  NEXTAUTH_SECRET: "Zq3v8Wf0pL2mN6xR1tY4uB7cD9eG5hJkQaSdFgHj",
  KEYCLOAK_ISSUER: "https://sso.example.com/realms/keydeck",
  KEYCLOAK_CLIENT_ID: "keydeck-dashboard",
  KEYCLOAK_CLIENT_SECRET: "p9Xk2Lr7Qw4Zt1Ys8Vb3Nm6Hc0Jd5Fg",
  EMBED_ENCRYPTION_KEY: "Ht6Rk1Pw9Zc3Xv7Lm2Nb5Qs8Yd0Fg4Jq",
};

test.describe.configure({ timeout: 90_000 });

test("next start refuses to run in production without NEXTAUTH_SECRET and the Keycloak settings", async () => {
  const { code, output } = await nextStart({ NODE_ENV: "production", DATABASE_URL: PRODUCTION.DATABASE_URL });
  expect(code, output).toBe(1);
  expect(output).toContain("Keydeck cannot start: invalid configuration");
  for (const name of ["NEXTAUTH_URL", "NEXTAUTH_SECRET", "KEYCLOAK_ISSUER", "KEYCLOAK_CLIENT_ID", "KEYCLOAK_CLIENT_SECRET"]) {
    expect(output).toContain(name);
  }
});

// Finding 6 of the security review.
test("next start refuses the dev client secret, a plain-http issuer and the secrets of the test suite, each by name", async () => {
  const { code, output } = await nextStart({
    ...PRODUCTION,
    KEYCLOAK_CLIENT_SECRET: "keydeck-dev-secret",
    KEYCLOAK_ISSUER: "http://sso.example.com/realms/keydeck",
    NEXTAUTH_SECRET: "e2e-secret-0123456789abcdefghijklmnopqrstuvwxyz",
    EMBED_ENCRYPTION_KEY: "keydeck-dev-only-embed-key-do-not-use-in-production",
  });
  expect(code, output).toBe(1);
  expect(output).toContain("Keydeck cannot start: invalid configuration");
  expect(output).toMatch(/KEYCLOAK_CLIENT_SECRET is the development identity provider's secret/);
  expect(output).toMatch(/KEYCLOAK_ISSUER must be an https:\/\/ URL in production/);
  expect(output).toMatch(/NEXTAUTH_SECRET is a secret of the test suite/);
  expect(output).toMatch(/EMBED_ENCRYPTION_KEY is the development default/);
});

test("next start refuses the realm export's ********** placeholder as the client secret", async () => {
  const { code, output } = await nextStart({ ...PRODUCTION, KEYCLOAK_CLIENT_SECRET: "**********" });
  expect(code, output).toBe(1);
  expect(output).toMatch(/KEYCLOAK_CLIENT_SECRET is the placeholder of docs\/keycloak\/realm-keydeck\.json/);
});

test("the local-test escape hatch does not open a server whose URLs leave the machine", async () => {
  const { code, output } = await nextStart({
    ...PRODUCTION,
    KEYDECK_LOCAL_TEST_ONLY: "http-identity-provider-on-loopback",
    KEYCLOAK_ISSUER: "http://sso.example.com/realms/keydeck",
  });
  expect(code, output).toBe(1);
  expect(output).toMatch(/KEYDECK_LOCAL_TEST_ONLY is only accepted when NEXTAUTH_URL and KEYCLOAK_ISSUER are on this machine/);
});

test("npm run start:api (no NODE_ENV) is production too: it refuses the development encryption key", async () => {
  const { code, output } = await startApi({
    DATABASE_URL: PRODUCTION.DATABASE_URL,
    EMBED_ENCRYPTION_KEY: "keydeck-dev-only-embed-key-do-not-use-in-production",
  });
  expect(code, output).toBe(1);
  expect(output).toMatch(/EMBED_ENCRYPTION_KEY is the development default/);
});
