import { afterAll, describe, expect, it } from "vitest";
import pg from "pg";
import { db } from "@/lib/db";
import { revokeKey } from "@/lib/keys/mutations";
import { deleteProject } from "@/lib/projects/mutations";
import { LISTENER_APPLICATION_NAME } from "@/server/engine/invalidation-feed";
import { projectWithKey, recordedUnits } from "@/tests/integration/api-harness";
import { spawnApi, type ApiProcess } from "@/tests/integration/api-process";

// Real server processes, as deployed: several instances with warm caches,
// and revocation that must reach all of them before revokeKey returns.

const running: ApiProcess[] = [];
afterAll(async () => {
  await Promise.all(running.map((p) => p.stop("SIGKILL")));
  await db.$disconnect();
});

async function spawnPair(env: Record<string, string> = {}) {
  const pair = await Promise.all([spawnApi(env), spawnApi(env)]);
  running.push(...pair);
  return pair;
}

async function stopPair(pair: ApiProcess[]) {
  await Promise.all(pair.map((p) => p.stop()));
}

type Sample = { sentAt: number; status: number };

/**
 * Verifies with `auth` on every instance in a loop until stopped (4
 * concurrent callers per instance), recording when each request was sent.
 */
function load(instances: ApiProcess[], auth: Record<string, string>) {
  const samples: Sample[] = [];
  let stopped = false;
  const callers = instances.flatMap((instance) =>
    Array.from({ length: 4 }, async () => {
      while (!stopped) {
        const sentAt = performance.now();
        const response = await fetch(`${instance.url}/api/v1/verify`, { method: "POST", headers: { ...auth, "content-type": "application/json" }, body: '{"cost":0}' });
        await response.arrayBuffer();
        samples.push({ sentAt, status: response.status });
      }
    }),
  );
  return {
    samples,
    async stop() {
      stopped = true;
      await Promise.all(callers);
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Both instances acknowledged the change themselves: revokeKey did not have to wait out a lease. */
function expectConfirmedByBoth(receipt: Awaited<ReturnType<typeof revokeKey>>["receipt"]) {
  expect(receipt?.silent).toEqual([]);
  expect(receipt?.acknowledged.length).toBeGreaterThanOrEqual(2);
}

async function terminateListeners() {
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  try {
    const { rowCount } = await admin.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name LIKE $1 AND datname = current_database()`,
      [`${LISTENER_APPLICATION_NAME}%`],
    );
    return rowCount ?? 0;
  } finally {
    await admin.end();
  }
}

/** Revokes under load; no request sent after revokeKey returned may get a 200. */
async function revokeUnderLoad(instances: ApiProcess[], around?: () => Promise<unknown>) {
  const { key, actor, auth } = await projectWithKey({ plan: "custom", customMonthlyUnits: 10_000_000, customRps: 100_000 });
  // Warm every instance's cache.
  for (const instance of instances) {
    for (let i = 0; i < 3; i++) {
      const response = await fetch(`${instance.url}/api/v1/verify`, { method: "POST", headers: auth });
      expect(response.status).toBe(200);
    }
  }
  const traffic = load(instances, auth);
  let started: number, returnedAt: number;
  let receipt: Awaited<ReturnType<typeof revokeKey>>["receipt"];
  try {
    await sleep(300);
    await around?.();
    started = performance.now();
    ({ receipt } = await revokeKey({ ...actor, keyId: key.id }));
    returnedAt = performance.now();
    await around?.();
    await sleep(400);
  } finally {
    await traffic.stop();
  }
  const before = traffic.samples.filter((s) => s.sentAt < started);
  const after = traffic.samples.filter((s) => s.sentAt >= returnedAt);
  expect(before.filter((s) => s.status === 200).length).toBeGreaterThan(20);
  expect(after.length).toBeGreaterThan(20);
  expect(after.filter((s) => s.status !== 401)).toEqual([]);
  return { receipt };
}

describe("revocation across instances", () => {
  it("with LISTEN/NOTIFY: once revokeKey returns, neither instance answers 200, including when the listener connections are killed around it", async () => {
    const pair = await spawnPair();
    try {
      const plain = await revokeUnderLoad(pair);
      expectConfirmedByBoth(plain.receipt);
      let kills = 0;
      await revokeUnderLoad(pair, async () => {
        const killed = await terminateListeners();
        // Before the revoke both listeners are up; right after it they may
        // still be reconnecting from the first kill, so none may be found.
        if (kills++ === 0) expect(killed).toBeGreaterThan(0);
      });
    } finally {
      await stopPair(pair);
    }
  });

  it("without NOTIFY (INVALIDATION_LISTEN=off): the poll and acknowledgements alone keep the guarantee", async () => {
    const pair = await spawnPair({ INVALIDATION_LISTEN: "off", INVALIDATION_POLL_MS: "100", CACHE_LEASE_MS: "1000" });
    try {
      // Each instance's poll (every 100 ms) acknowledged it before its 1 s lease could run out.
      const { receipt } = await revokeUnderLoad(pair);
      expectConfirmedByBoth(receipt);
    } finally {
      await stopPair(pair);
    }
  });

  it("deleting a project stops its keys on every instance before deleteProject returns", async () => {
    const pair = await spawnPair();
    try {
      const { owner, project, auth } = await projectWithKey();
      for (const instance of pair) expect((await fetch(`${instance.url}/api/v1/verify`, { method: "POST", headers: auth })).status).toBe(200);
      await deleteProject({ userId: owner.id, ip: null, projectId: project.id, confirmName: "API Project" });
      for (const instance of pair) expect((await fetch(`${instance.url}/api/v1/verify`, { method: "POST", headers: auth })).status).toBe(401);
    } finally {
      await stopPair(pair);
    }
  });
});

describe("SIGTERM", () => {
  it("drains open requests and flushes every counted unit before exiting", async () => {
    const instance = await spawnApi({ METERING_FLUSH_MS: "1000" });
    running.push(instance);
    const { project, auth } = await projectWithKey({ plan: "custom", customMonthlyUnits: 10_000_000, customRps: 100_000 });
    let stopped = false;
    let units = 0;
    const callers = Array.from({ length: 8 }, async (_, n) => {
      while (!stopped) {
        const cost = 1 + (n % 3);
        try {
          const response = await fetch(`${instance.url}/api/v1/verify`, { method: "POST", headers: { ...auth, "content-type": "application/json" }, body: JSON.stringify({ cost }) });
          await response.arrayBuffer();
          if (response.status === 200) units += cost;
        } catch {
          await sleep(5); // refused once the server stopped listening
        }
      }
    });
    await sleep(700);
    const exit = instance.stop("SIGTERM");
    expect(await exit).toBe(0);
    stopped = true;
    await Promise.all(callers);
    expect(units).toBeGreaterThan(100);
    expect(await recordedUnits(project.id)).toBe(units);
  });
});
