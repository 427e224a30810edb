import { afterAll, describe, expect, it } from "vitest";
import pg from "pg";
import { db } from "@/lib/db";
import { generateKey } from "@/lib/keys/format";
import { revokeKey } from "@/lib/keys/mutations";
import { createApiDatabase } from "@/server/engine/database";
import { MeteringFlusher } from "@/server/engine/metering";
import { Meters } from "@/server/engine/meters";
import { PeriodClock } from "@/lib/plans/period";
import { UsageBuffer } from "@/server/engine/usage-buffer";
import { projectWithKey, recordedUnits, startApi, startDatabaseProxy } from "@/tests/integration/api-harness";
import { keyRecordFixture } from "@/server/engine/key-record.fixture";

afterAll(async () => {
  await db.$disconnect();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Verify calls to an in-process service, summing the units of those answered 200. */
function metered(api: Awaited<ReturnType<typeof startApi>>) {
  let units = 0;
  const verify = (headers: Record<string, string>, cost = 1) => api.app.inject({ method: "POST", url: "/api/v1/verify", headers, payload: { cost } });
  const count = async (headers: Record<string, string>, cost: number) => {
    const response = await verify(headers, cost);
    if (response.statusCode === 200) units += cost;
    return response;
  };
  return { verify, count, units: () => units };
}

describe("when the database goes away", () => {
  it("fails closed with 503 and Retry-After once the answer is not safely known, keeps the counts, and recovers by itself", async () => {
    const proxy = await startDatabaseProxy(process.env.DATABASE_URL!);
    const api = await startApi({ databaseUrl: proxy.url, leaseMs: 600, pollMs: 100 });
    try {
      const { project, auth } = await projectWithKey({ plan: "custom", customMonthlyUnits: 1_000_000, customRps: 100_000 });
      const uncached = { authorization: `Bearer ${generateKey("kd", "live")}` };
      const { count, units } = metered(api);
      expect((await count(auth, 3)).statusCode).toBe(200);

      await proxy.cut();
      // Within the lease a cached key is still safely known (a revoke cannot
      // complete without this instance's acknowledgement or its lease running out).
      expect((await count(auth, 2)).statusCode).toBe(200);
      await sleep(800);
      const statuses = new Set<number>();
      for (let i = 0; i < 20; i++) {
        for (const headers of [auth, uncached]) {
          const response = await count(headers, 1);
          statuses.add(response.statusCode);
          expect(response.json()).toMatchObject({ error: { code: "service_unavailable" } });
          expect(Number(response.headers["retry-after"])).toBeGreaterThanOrEqual(1);
        }
      }
      expect([...statuses]).toEqual([503]);
      expect((await api.app.inject({ method: "GET", url: "/healthz" })).statusCode).toBe(503);
      await sleep(300); // a flush or two fail meanwhile

      await proxy.restore();
      let recovered = 0;
      for (let i = 0; i < 50 && recovered === 0; i++) {
        await sleep(100);
        if ((await count(auth, 1)).statusCode === 200) recovered++;
      }
      expect(recovered).toBe(1);
      expect(api.service.flusher.stats.failures).toBeGreaterThan(0);
      await api.service.flusher.drain(5000);
      expect(await recordedUnits(project.id)).toBe(units());
    } finally {
      await api.close();
      await proxy.cut();
    }
  });
});

describe("through a database outage, with an outage grace", () => {
  it("answers the keys it knew past the lease, 503 for others, counts exactly, and a revoke during the outage returns only once it cannot answer 200", async () => {
    const proxy = await startDatabaseProxy(process.env.DATABASE_URL!);
    // Lease 600 ms, grace 2 s: the instance may answer from its cache for 2.6 s after its last confirmed poll.
    const api = await startApi({ databaseUrl: proxy.url, leaseMs: 600, pollMs: 100, outageGraceMs: 2000 });
    try {
      const plan = { plan: "custom" as const, customMonthlyUnits: 1_000_000, customRps: 100_000 };
      const kept = await projectWithKey(plan);
      const revoked = await projectWithKey(plan);
      const unseen = await projectWithKey(plan);
      const { verify, count, units } = metered(api);
      expect((await count(kept.auth, 3)).statusCode).toBe(200);
      expect((await verify(revoked.auth)).statusCode).toBe(200);

      await proxy.cut();
      const cutAt = Date.now();
      // Well past the lease: keys it knew still get 200, a key it never saw 503.
      const keptStatuses = new Set<number>();
      while (Date.now() - cutAt < 1200) {
        keptStatuses.add((await count(kept.auth, 2)).statusCode);
        await sleep(50);
      }
      expect([...keptStatuses]).toEqual([200]);
      expect((await verify(unseen.auth)).statusCode).toBe(503);
      const health = await api.app.inject({ method: "GET", url: "/healthz" });
      expect(health.statusCode).toBe(200);
      expect(health.json()).toMatchObject({ ok: true, database: "unreachable", cacheTrusted: true });

      // The dashboard (another host) still reaches PostgreSQL and revokes a key this instance is serving.
      let returnedAt = 0;
      const revoking = revokeKey({ ...revoked.actor, keyId: revoked.key.id }).then((result) => {
        returnedAt = Date.now();
        return result;
      });
      const afterReturn: number[] = [];
      while (returnedAt === 0) {
        const status = (await verify(revoked.auth)).statusCode;
        if (returnedAt !== 0) afterReturn.push(status);
        await sleep(20);
      }
      const { receipt } = await revoking;
      for (let i = 0; i < 5; i++) afterReturn.push((await verify(revoked.auth)).statusCode);
      expect(afterReturn.filter((status) => status === 200)).toEqual([]);
      // It waited for the silent instance's lease and grace, and says so.
      expect(receipt!.silent).toHaveLength(1);
      expect(receipt!.silent[0]!.reason).toBe("lease_expired");
      expect(receipt!.worstCaseMs).toBe(3100);
      // The grace is over: the kept key fails closed too.
      expect((await verify(kept.auth)).statusCode).toBe(503);

      await proxy.restore();
      let recovered = false;
      for (let i = 0; i < 50 && !recovered; i++) {
        await sleep(100);
        recovered = (await count(kept.auth, 1)).statusCode === 200;
      }
      expect(recovered).toBe(true);
      expect((await verify(revoked.auth)).statusCode).toBe(401);
      await api.service.flusher.drain(5000);
      expect(await recordedUnits(kept.project.id)).toBe(units());
    } finally {
      await api.close();
      await proxy.cut();
    }
  });
});

describe("when lookups hang (a lock, a saturated pool)", () => {
  it("answers 503 within the lookup wait, refuses new misses without queueing them, keeps cached keys at 200, and recovers when the lock goes", async () => {
    const api = await startApi({ poolSize: 2 });
    const locker = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await locker.connect();
    try {
      const plan = { plan: "custom" as const, customMonthlyUnits: 1_000_000, customRps: 100_000 };
      const [warm, first, second] = [await projectWithKey(plan), await projectWithKey(plan), await projectWithKey(plan)];
      const verify = (headers: Record<string, string>) => api.app.inject({ method: "POST", url: "/api/v1/verify", headers });
      expect((await verify(warm.auth)).statusCode).toBe(200);
      const lookups = api.service.lookupCount;

      await locker.query("BEGIN");
      await locker.query("LOCK TABLE api_keys IN ACCESS EXCLUSIVE MODE");
      // Answered while the lock is still held: the caller did not wait for
      // the pool's connection wait or the statement timeout.
      const stuck = await verify(first.auth);
      expect(stuck.statusCode).toBe(503);
      expect(stuck.json()).toMatchObject({ error: { code: "service_unavailable" } });
      expect(stuck.headers["retry-after"]).toBe("1");
      // Another miss is refused without a lookup queued behind the stuck one.
      expect((await verify(second.auth)).statusCode).toBe(503);
      expect(api.service.lookupCount).toBe(lookups + 1);
      expect((await verify(warm.auth)).statusCode).toBe(200);
      await locker.query("ROLLBACK");

      // The stuck lookup finishes once the lock goes and fills the cache.
      for (let i = 0; i < 50 && api.service.cache.size < 2; i++) await sleep(100);
      expect((await verify(first.auth)).statusCode).toBe(200);
      expect((await verify(second.auth)).statusCode).toBe(200);
      expect(api.service.lookupCount).toBe(lookups + 2);
    } finally {
      await locker.query("ROLLBACK").catch(() => {});
      await locker.end();
      await api.close();
    }
  });
});

describe("metering", () => {
  it("is exact after a burst of concurrent requests", async () => {
    const api = await startApi();
    try {
      const { project, auth } = await projectWithKey({ plan: "custom", customMonthlyUnits: 10_000_000, customRps: 1_000_000 });
      const base = await api.listen();
      let units = 0;
      let answered = 0;
      await Promise.all(
        Array.from({ length: 40 }, async (_, caller) => {
          for (let i = 0; i < 50; i++) {
            const cost = (caller + i) % 7;
            const response = await fetch(`${base}/api/v1/verify`, { method: "POST", headers: { ...auth, "content-type": "application/json" }, body: JSON.stringify({ cost }) });
            await response.arrayBuffer();
            if (response.status === 200) {
              units += cost;
              answered += 1;
            }
          }
        }),
      );
      expect(units).toBeGreaterThan(5000);
      await api.service.flusher.drain(5000);
      expect(await recordedUnits(project.id)).toBe(units);
      const [row] = await db.$queryRaw<{ requests: number }[]>`SELECT sum(requests)::int AS requests FROM usage_hourly WHERE project_id = ${project.id}`;
      // Every request answered 200 is counted once; on a loaded machine a few may be refused (503), and those are not.
      expect(row!.requests).toBe(answered);
      expect(answered).toBeGreaterThan(1500);
      const key = await db.apiKey.findFirstOrThrow({ where: { projectId: project.id } });
      expect(key.lastUsedAt!.getTime()).toBeGreaterThan(Date.now() - 60_000);
    } finally {
      await api.close();
    }
  });

  it("counts a batch once when its commit succeeded but the reply was lost", async () => {
    const { project, key } = await projectWithKey();
    const real = createApiDatabase({ url: process.env.DATABASE_URL!, poolSize: 2, applicationName: "keydeck-test" });
    let loseReply = true;
    const flaky = {
      ...real,
      async transaction<T>(work: (client: import("@/server/engine/database").Queryable) => Promise<T>) {
        const result = await real.transaction(work);
        if (loseReply) {
          loseReply = false;
          throw Object.assign(new Error("Connection terminated unexpectedly"), { code: "ECONNRESET" });
        }
        return result;
      },
    };
    const buffer = new UsageBuffer();
    const meters = new Meters();
    const periods = new PeriodClock();
    const flusher = new MeteringFlusher({ db: flaky, buffer, meters, periods, instanceId: "test", clock: Date.now, onError: () => {} });
    const record = keyRecordFixture({ digest: "h", id: key.id, projectId: project.id });
    const meter = meters.project(project.id, periods.at(Date.now()));
    const entry = buffer.entry(record, Date.now() - (Date.now() % 3600_000))!;
    entry.units = 42;
    entry.requests = 3;
    meter.unflushed.live = 42;
    try {
      expect(await flusher.flush()).toBe(false);
      expect(await flusher.flush()).toBe(true);
      expect(await recordedUnits(project.id)).toBe(42);
      expect(meter.units("live")).toBe(42);
      expect(meter.unflushed.live).toBe(0);
      expect(flusher.stats).toMatchObject({ batches: 1, failures: 1 });
    } finally {
      await real.end();
    }
  });
});
