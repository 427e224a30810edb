import net from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { projectWithKey, startApi } from "@/tests/integration/api-harness";

// With REDIS_URL, instances share their rate-limit counters. Runs when a
// Redis answers at REDIS_TEST_URL (default the local one); skipped otherwise.
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

afterAll(async () => {
  await db.$disconnect();
});

describe.skipIf(!available)("rate limits shared through Redis", () => {
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
