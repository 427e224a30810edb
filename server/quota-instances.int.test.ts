import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { projectWithKey, startApi } from "@/tests/integration/api-harness";

// Quota across instances: each instance learns what the others counted when
// they flush (a NOTIFY at the flush's commit makes it read the new totals at
// once), so what an instance cannot know is only the others' unflushed
// traffic: one flush interval's worth.

const apis: Array<Awaited<ReturnType<typeof startApi>>> = [];
afterAll(async () => {
  await Promise.all(apis.map((api) => api.close()));
  await db.$disconnect();
});

// Flushes only when the test says so: whatever instance A learns of B's usage
// comes from B's flush, not from a flush of A's own.
async function instance(listen = true) {
  const api = await startApi({ flushIntervalMs: 3_600_000, listen });
  apis.push(api);
  return api;
}

const verify = (api: Awaited<ReturnType<typeof startApi>>, auth: Record<string, string>, cost: number) =>
  api.app.inject({ method: "POST", url: "/api/v1/verify", headers: auth, payload: { cost } });

const used = async (api: Awaited<ReturnType<typeof startApi>>, auth: Record<string, string>) =>
  ((await verify(api, auth, 0)).json() as { quota: { used: number } }).quota.used;

describe("quota with several instances", () => {
  it("an instance counts another's usage as soon as that instance flushes, without flushing itself", async () => {
    const [a, b] = [await instance(), await instance()];
    const { auth } = await projectWithKey({ plan: "custom", customMonthlyUnits: 100, customRps: 100_000 });
    expect((await verify(a, auth, 1)).statusCode).toBe(200);
    expect((await verify(b, auth, 61)).statusCode).toBe(200);
    expect(await used(a, auth)).toBe(1); // B has not flushed: A cannot know yet

    await b.service.flusher.flush();
    await expect.poll(() => used(a, auth), { timeout: 2000, interval: 20 }).toBe(62);
    // The request that reaches the limit on A passes; the next is refused, though A never flushed.
    expect((await verify(a, auth, 38)).statusCode).toBe(200);
    const refused = await verify(a, auth, 1);
    expect(refused.statusCode).toBe(429);
    expect((refused.json() as { error: { code: string } }).error.code).toBe("quota_exceeded");
    expect(a.service.flusher.stats.batches).toBe(0);
  });

  it("without NOTIFY (INVALIDATION_LISTEN=off) an instance learns the others' usage at its own flush", async () => {
    const [a, b] = [await instance(false), await instance(false)];
    const { auth } = await projectWithKey({ plan: "custom", customMonthlyUnits: 100, customRps: 100_000 });
    expect((await verify(a, auth, 1)).statusCode).toBe(200);
    expect((await verify(b, auth, 61)).statusCode).toBe(200);
    await b.service.flusher.flush();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await used(a, auth)).toBe(1);
    await a.service.flusher.flush();
    expect(await used(a, auth)).toBe(62);
  });
});
