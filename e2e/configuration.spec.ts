import { spawn } from "node:child_process";
import { expect, test } from "@playwright/test";

// The production server refuses to start without its secrets, and says which.
test("next start refuses to run in production without NEXTAUTH_SECRET and the Keycloak settings", async () => {
  test.setTimeout(60_000);
  const env = { PATH: process.env.PATH ?? "", NODE_ENV: "production" as const, DATABASE_URL: process.env.DATABASE_URL ?? "" };
  const child = spawn("node_modules/.bin/next", ["start", "-p", "3199"], { env, stdio: ["ignore", "pipe", "pipe"] });
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
  expect(code, output).toBe(1);
  expect(output).toContain("Keydeck cannot start: invalid configuration");
  for (const name of ["NEXTAUTH_URL", "NEXTAUTH_SECRET", "KEYCLOAK_ISSUER", "KEYCLOAK_CLIENT_ID", "KEYCLOAK_CLIENT_SECRET"]) {
    expect(output).toContain(name);
  }
});
