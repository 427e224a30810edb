import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { projectWithKey } from "@/tests/integration/api-harness";
import { spawnApi, type ApiProcess } from "@/tests/integration/api-process";
import { report, SCANNER_SECRET, scannerHeaders } from "@/tests/integration/secret-scanning";

// A leak reported to one API instance under the default policy (revoke at
// once): once that instance has answered the report, no instance answers 200
// for the key, as with a revocation from the dashboard (instances.int.test.ts).

const running: ApiProcess[] = [];
afterAll(async () => {
  await Promise.all(running.map((p) => p.stop("SIGKILL")));
  await db.$disconnect();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("a leak report under the revoke policy", () => {
  it.each([
    ["with LISTEN/NOTIFY", {}],
    ["without NOTIFY (polls only)", { INVALIDATION_LISTEN: "off", INVALIDATION_POLL_MS: "100", CACHE_LEASE_MS: "1000" }],
  ])("%s: every instance refuses the key (401) before the report is answered", async (_name, env: Record<string, string>) => {
    const pair = await Promise.all([spawnApi({ ...env, SECRET_SCANNING_HMAC_SECRET: SCANNER_SECRET }), spawnApi({ ...env, SECRET_SCANNING_HMAC_SECRET: SCANNER_SECRET })]);
    running.push(...pair);
    try {
      const { key, auth } = await projectWithKey({ plan: "custom", customMonthlyUnits: 10_000_000, customRps: 100_000 });
      for (const instance of pair) {
        expect((await fetch(`${instance.url}/api/v1/verify`, { method: "POST", headers: auth })).status).toBe(200);
      }
      // Traffic on both instances while the report is handled: every request sent after its answer must be refused.
      const samples: { sentAt: number; status: number }[] = [];
      let stopped = false;
      const callers = pair.flatMap((instance) =>
        Array.from({ length: 3 }, async () => {
          while (!stopped) {
            const sentAt = performance.now();
            const response = await fetch(`${instance.url}/api/v1/verify`, { method: "POST", headers: auth });
            await response.arrayBuffer();
            samples.push({ sentAt, status: response.status });
          }
        }),
      );
      let answeredAt = 0;
      try {
        await sleep(200);
        const body = JSON.stringify([report(key.plaintext)]);
        const answer = await fetch(`${pair[0]!.url}/api/v1/secret-scanning/report`, { method: "POST", headers: scannerHeaders(body), body });
        answeredAt = performance.now();
        expect(answer.status).toBe(200);
        expect(await answer.json()).toEqual([expect.objectContaining({ label: "true_positive" })]);
        await sleep(300);
      } finally {
        stopped = true;
        await Promise.all(callers);
      }
      const after = samples.filter((s) => s.sentAt >= answeredAt);
      expect(samples.filter((s) => s.sentAt < answeredAt && s.status === 200).length).toBeGreaterThan(5);
      expect(after.length).toBeGreaterThan(10);
      expect(after.filter((s) => s.status !== 401)).toEqual([]);
      expect(await db.keyLeak.findMany({ where: { keyId: key.id }, select: { action: true, reporter: true } })).toEqual([{ action: "revoked", reporter: "scanner" }]);
    } finally {
      await Promise.all(pair.map((p) => p.stop()));
    }
  });
});
