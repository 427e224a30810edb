import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { projectWithKey, startApi } from "@/tests/integration/api-harness";

// With REDIS_URL, instances share their rate-limit counters. Runs when a
// Redis answers at REDIS_TEST_URL (default the local one). Skipped on a
// developer's machine without Redis, but never under CI (CI=true) or with
// REDIS_TEST_REQUIRED=1: there a missing Redis fails the test, so CI cannot
// pass without having run it.
const redisUrl = process.env.REDIS_TEST_URL || "redis://127.0.0.1:6379";

async function redisAnswers(): Promise<boolean> {
  const { hostname, port } = new URL(redisUrl);
  return new Promise((resolve) => {
    const socket = net.connect(Number(port || 6379), hostname);
    socket.setTimeout(500, () => (socket.destroy(), resolve(false)));
    socket.once("connect", () => socket.write("PING\r\n"));
    socket.once("data", (data) => (socket.destroy(), resolve(data.toString().startsWith("+PONG"))));
    socket.once("error", () => resolve(false));
  });
}

const available = await redisAnswers();
const required = Boolean(process.env.CI) || process.env.REDIS_TEST_REQUIRED === "1";

afterAll(async () => {
  await db.$disconnect();
});

describe.skipIf(!available && !required)("rate limits shared through Redis", () => {
  beforeAll(() => {
    if (!available) throw new Error(`Redis does not answer at ${redisUrl}, and this run requires it (CI or REDIS_TEST_REQUIRED=1).`);
  });

  it("two instances together allow the key's requests per second, not twice as many", async () => {
    const [a, b] = await Promise.all([startApi({ redisUrl }), startApi({ redisUrl })]);
    try {
      const { auth } = await projectWithKey({ plan: "free" }); // 5 requests/s per key
      const verify = (api: typeof a) => api.app.inject({ method: "POST", url: "/api/v1/verify", headers: auth, payload: { cost: 0 } });
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await verify(a)).statusCode, (await verify(b)).statusCode);
      expect(statuses.filter((s) => s === 200)).toHaveLength(5);
      expect(statuses.filter((s) => s === 429)).toHaveLength(3);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
