import { expect } from "vitest";
import type { AddressInfo } from "node:net";
import { buildApp } from "@/server/app";
import { VerificationService, type VerificationServiceOptions } from "@/server/engine/service";
import { createKey } from "@/lib/keys/mutations";
import { createProject } from "@/lib/projects/mutations";
import { db } from "@/lib/db";
import { createUser } from "./factories";

export { startDatabaseProxy } from "@/scripts/lib/database-proxy";

export const quietLog = { info: () => {}, warn: () => {}, error: () => {} };

/** Fast settings for tests: flushes every 100 ms, polls every 50 ms. */
export function testServiceOptions(overrides: Partial<VerificationServiceOptions> = {}): VerificationServiceOptions {
  return {
    databaseUrl: process.env.DATABASE_URL!,
    poolSize: 4,
    keyPrefix: "kd",
    embedEncryptionKey: process.env.EMBED_ENCRYPTION_KEY ?? "keydeck-dev-only-embed-key-do-not-use-in-production",
    flushIntervalMs: 100,
    pollMs: 50,
    leaseMs: 1000,
    listen: true,
    keyCacheSize: 10_000,
    negativeCacheSize: 10_000,
    log: quietLog,
    ...overrides,
  };
}

/** The Fastify service in this process, with a clock the test can move forward. */
export async function startApi(options: Partial<VerificationServiceOptions> & { trustedHops?: number } = {}) {
  let offset = 0;
  const { trustedHops = 0, ...overrides } = options;
  const service = new VerificationService(testServiceOptions({ clock: () => Date.now() + offset, ...overrides }));
  await service.start();
  const app = buildApp(service, { trustedHops, logLevel: "silent" });
  await app.ready();
  return {
    service,
    app,
    advance(ms: number) {
      offset += ms;
    },
    /** Listens on a free port (for real concurrent HTTP); returns the base URL. */
    async listen() {
      await app.listen({ port: 0, host: "127.0.0.1" });
      return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    },
    async close() {
      await app.close();
      await service.close();
    },
  };
}

/** A project owned by a new user, with its plan set directly (setPlan is tested on its own). */
export async function projectWithKey(
  plan: { plan?: "free" | "pro" | "custom"; customMonthlyUnits?: number; customRps?: number; testMonthlyUnits?: number } = {},
  environment: "live" | "test" = "live",
) {
  const owner = await createUser("API Owner");
  const project = await createProject({ userId: owner.id, ip: null, name: "API Project" });
  await db.project.update({ where: { id: project.id }, data: plan });
  const actor = { userId: owner.id, ip: null, projectId: project.id };
  const key = await createKey({ ...actor, name: "server", environment, expiry: { kind: "never" } });
  return { owner, project, actor, key, auth: { authorization: `Bearer ${key.plaintext}` } };
}

/** The one error body of the service, with its status and a real sentence. */
export function expectApiError(response: { statusCode: number; headers: Record<string, unknown>; json(): unknown }, status: number, code: string) {
  expect(response.statusCode).toBe(status);
  expect(response.headers["content-type"]).toMatch(/^application\/json/);
  const body = response.json() as { error: { code: string; message: string } };
  expect(body).toEqual({ error: { code, message: expect.any(String) } });
  expect(body.error.message.length).toBeGreaterThan(10);
  return body;
}

/** Units recorded for a project, from the rollups. */
export async function recordedUnits(projectId: string): Promise<number> {
  const rows = await db.$queryRaw<{ units: number }[]>`SELECT coalesce(sum(units), 0)::float8 AS units FROM usage_hourly WHERE project_id = ${projectId}`;
  return rows[0]!.units;
}
