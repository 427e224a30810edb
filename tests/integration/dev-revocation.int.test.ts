import { rm } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scratchDataDir, startEmbeddedPostgres, type EmbeddedPostgres } from "@/scripts/lib/embedded-postgres";
import { migrateDeploy } from "@/scripts/lib/migrate";
import { spawnApi, type ApiProcess } from "./api-process";

// `npm run dev`'s database is a real PostgreSQL server, so revocation there
// runs at NOTIFY speed, as in production: the dashboard's revoke returns as
// soon as the API service has applied it, and the next verify gets 401.
// The service polls only every 5 s here, so a quick revoke can only have
// come through NOTIFY (by the poll it would take up to 5 s).

let dir: string;
let server: EmbeddedPostgres;
let api: ApiProcess | undefined;
const suiteDatabaseUrl = process.env.DATABASE_URL;

beforeAll(async () => {
  dir = await scratchDataDir("keydeck-dev-revocation");
  server = await startEmbeddedPostgres({ dataDir: path.join(dir, "postgres"), port: 0 });
  await migrateDeploy(server.url);
  // This file's lib/db (created on first use) and the API process both use the dev server.
  process.env.DATABASE_URL = server.url;
}, 120_000);

afterAll(async () => {
  await api?.stop("SIGKILL");
  const { db } = await import("@/lib/db");
  await db.$disconnect();
  delete (globalThis as { keydeckDb?: unknown }).keydeckDb;
  process.env.DATABASE_URL = suiteDatabaseUrl;
  await server?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe("revocation on the dev command's embedded PostgreSQL", () => {
  it("a revoked key gets 401 at the first verify after the dashboard's revoke returns, which the instance confirmed at NOTIFY speed", { timeout: 120_000 }, async () => {
    const { projectWithKey } = await import("./api-harness");
    const { revokeKey } = await import("@/lib/keys/mutations");
    api = await spawnApi({ DATABASE_URL: server.url, INVALIDATION_LISTEN: "on", INVALIDATION_POLL_MS: "5000", CACHE_LEASE_MS: "20000" });
    // A first revoke warms this process's Prisma client (its first transaction compiles queries).
    const warmUp = await projectWithKey();
    await revokeKey({ ...warmUp.actor, keyId: warmUp.key.id });
    const { key, actor, auth } = await projectWithKey();
    const verify = () => fetch(`${api!.url}/api/v1/verify`, { method: "POST", headers: auth });
    for (let i = 0; i < 3; i++) expect((await verify()).status).toBe(200); // cached by now

    const started = performance.now();
    const { receipt } = await revokeKey({ ...actor, keyId: key.id });
    const revokeMs = performance.now() - started;
    const response = await verify();

    console.log(`dev database: revokeKey returned in ${revokeMs.toFixed(1)} ms; the next verify got ${response.status}`);
    expect(response.status).toBe(401);
    // Confirmed by the instance itself, not by its lease running out.
    expect(receipt).toMatchObject({ instances: 1, silent: [] });
    expect(receipt!.acknowledged).toHaveLength(1);
    // Not a speed target: the poll runs every 5 s here, so a confirmation
    // this soon came through NOTIFY (what this file is about).
    expect(revokeMs).toBeLessThan(1000);
  });
});
