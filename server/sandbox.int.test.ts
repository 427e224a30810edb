import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { SANDBOX_PROJECT_ID } from "@/lib/plans/plans";
import { startApi } from "@/tests/integration/api-harness";

let api: Awaited<ReturnType<typeof startApi>>;
let proxied: Awaited<ReturnType<typeof startApi>>;
let ipCounter = 1;
/** A client address of its own for each test: the IP cap would otherwise span tests. */
const freshIp = () => `198.51.100.${ipCounter++}`;

beforeAll(async () => {
  api = await startApi();
  proxied = await startApi({ trustedHops: 1 });
});

afterAll(async () => {
  await Promise.all([api.close(), proxied.close()]);
  await db.$disconnect();
});

const mint = (remoteAddress: string, target = api, headers: Record<string, string> = {}) =>
  target.app.inject({ method: "POST", url: "/api/v1/sandbox/key", remoteAddress, headers });

const verify = (apiKey: string, payload: object = {}) =>
  api.app.inject({ method: "POST", url: "/api/v1/verify", headers: { authorization: `Bearer ${apiKey}` }, payload });

describe("POST /api/v1/sandbox/key", () => {
  it("mints an anonymous key with 50 pages and 24 hours, stored only as a hash", async () => {
    const before = Date.now();
    const response = await mint(freshIp());
    expect(response.statusCode).toBe(200);
    const body = response.json() as { api_key: string; expires_at: string; pages_remaining: number };
    expect(body.api_key).toMatch(/^kd_sandbox_[0-9A-Za-z]{36}$/);
    expect(body.pages_remaining).toBe(50);
    expect(Date.parse(body.expires_at) - before).toBeGreaterThan(24 * 3600_000 - 5000);
    expect(Date.parse(body.expires_at) - before).toBeLessThan(24 * 3600_000 + 5000);
    const row = await db.apiKey.findFirstOrThrow({ where: { hint: { startsWith: body.api_key.slice(0, 15) } } });
    expect(row).toMatchObject({ projectId: SANDBOX_PROJECT_ID, environment: "sandbox", unitCap: 50 });
    expect(JSON.stringify(row)).not.toContain(body.api_key);

    const verified = await verify(body.api_key, { cost: 2 });
    expect(verified.json()).toMatchObject({ valid: true, environment: "sandbox", project_id: SANDBOX_PROJECT_ID, quota: { limit: 50, used: 2, remaining: 48, period_end: body.expires_at } });
  });

  it("page cap: the 50th unit passes, then 401 on every endpoint", async () => {
    const { api_key: key } = (await mint(freshIp())).json() as { api_key: string };
    for (let i = 0; i < 5; i++) expect((await verify(key, { cost: 10 })).statusCode).toBe(200);
    const spent = await verify(key, { cost: 0 });
    expect(spent.statusCode).toBe(401);
    expect(spent.json()).toMatchObject({ error: { code: "invalid_credentials" } });
    const usage = await api.app.inject({ method: "GET", url: "/api/v1/usage", headers: { authorization: `Bearer ${key}` } });
    expect(usage.statusCode).toBe(401);
  });

  it("page cap holds across a restart: a new instance reads the key's recorded units", async () => {
    const { api_key: key } = (await mint(freshIp())).json() as { api_key: string };
    expect((await verify(key, { cost: 45 })).statusCode).toBe(200);
    await api.service.flusher.drain(5000);
    const second = await startApi();
    try {
      const again = (payload: object) => second.app.inject({ method: "POST", url: "/api/v1/verify", headers: { authorization: `Bearer ${key}` }, payload });
      expect((await again({ cost: 5 })).json()).toMatchObject({ quota: { used: 50, remaining: 0 } });
      expect((await again({ cost: 1 })).statusCode).toBe(401);
    } finally {
      await second.close();
    }
  });

  it("TTL: after 24 hours the key gets 401", async () => {
    const { api_key: key } = (await mint(freshIp())).json() as { api_key: string };
    expect((await verify(key)).statusCode).toBe(200);
    api.advance(24 * 3600_000 + 1000);
    try {
      expect((await verify(key)).statusCode).toBe(401);
      const usage = await api.app.inject({ method: "GET", url: "/api/v1/usage", headers: { authorization: `Bearer ${key}` } });
      expect(usage.statusCode).toBe(401);
    } finally {
      api.advance(-(24 * 3600_000 + 1000));
    }
  });

  it("IP cap: of 50 concurrent mints from one address exactly 10 succeed, 40 get 429 rate_limited with Retry-After", async () => {
    const ip = freshIp();
    const responses = await Promise.all(Array.from({ length: 50 }, () => mint(ip)));
    const ok = responses.filter((r) => r.statusCode === 200);
    const limited = responses.filter((r) => r.statusCode === 429);
    expect(ok).toHaveLength(10);
    expect(limited).toHaveLength(40);
    expect(limited[0]!.json()).toMatchObject({ error: { code: "rate_limited" } });
    expect(Number(limited[0]!.headers["retry-after"])).toBeGreaterThan(23 * 3600);
    // Another address is not affected.
    expect((await mint(freshIp())).statusCode).toBe(200);
  });

  it("a sandbox key's usage shows only itself", async () => {
    const { api_key: mine } = (await mint(freshIp())).json() as { api_key: string };
    const { api_key: theirs } = (await mint(freshIp())).json() as { api_key: string };
    await verify(mine, { cost: 3 });
    await verify(theirs, { cost: 4 });
    await api.service.flusher.drain(5000);
    const usage = await api.app.inject({ method: "GET", url: "/api/v1/usage", headers: { authorization: `Bearer ${mine}` } });
    const body = usage.json() as { keys: { units: number; hint: string }[]; quota: { used: number } };
    expect(body.keys).toEqual([expect.objectContaining({ units: 3 })]);
    expect(body.quota).toMatchObject({ limit: 50, used: 3 });
    expect(usage.body).not.toContain(theirs.slice(15, 30));
  });

  it("counts by X-Forwarded-For only when TRUST_PROXY is set", async () => {
    const spoofer = freshIp();
    // Without trusted proxies the header is ignored: one socket address, one cap.
    const direct = await Promise.all(Array.from({ length: 11 }, (_, i) => mint(spoofer, api, { "x-forwarded-for": `203.0.113.${i}` })));
    expect(direct.filter((r) => r.statusCode === 200)).toHaveLength(10);
    // Behind one trusted proxy, the address it appended counts, whatever the client wrote before it.
    const proxyAddress = freshIp();
    const client = freshIp();
    const viaProxy = await Promise.all(
      Array.from({ length: 11 }, (_, i) => mint(proxyAddress, proxied, { "x-forwarded-for": `203.0.113.${i}, ${client}` })),
    );
    expect(viaProxy.filter((r) => r.statusCode === 200)).toHaveLength(10);
    expect((await mint(proxyAddress, proxied, { "x-forwarded-for": freshIp() })).statusCode).toBe(200);
  });
});
