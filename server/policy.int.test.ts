import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createKey, rotateKey } from "@/lib/keys/mutations";
import { defineProjectPermission, listProjectPermissions, removeProjectPermission } from "@/lib/keys/permissions";
import { keyPolicy, renameKey, updateKeyPolicy } from "@/lib/keys/policy";
import { updateKeyPolicyInput } from "@/lib/keys/policy-schemas";
import { getKey } from "@/lib/keys/detail";
import { listKeys } from "@/lib/keys/queries";
import { listKeysQuery } from "@/lib/keys/list-params";
import { usageSeries } from "@/lib/usage/series";
import { expectApiError, projectWithKey, recordedUnits, startApi } from "@/tests/integration/api-harness";

// Key policy (issue 17) end to end: the dashboard's lib functions write it,
// two verification service instances (Fastify, in this process, each with its
// own cache, meters and invalidation feed) enforce it, against the real
// database. A change returns only once both instances apply it.

type Api = Awaited<ReturnType<typeof startApi>>;
let a: Api;
let b: Api;

beforeAll(async () => {
  [a, b] = await Promise.all([startApi(), startApi()]);
});

afterAll(async () => {
  await Promise.all([a.close(), b.close()]);
  await db.$disconnect();
});

const verify = (api: Api, auth: Record<string, string>, payload: object = {}) => api.app.inject({ method: "POST", url: "/api/v1/verify", headers: auth, payload });
const never = { kind: "never" } as const;

async function projectWithPermissions(names: string[], plan: Parameters<typeof projectWithKey>[0] = { plan: "pro" }) {
  const ctx = await projectWithKey(plan);
  for (const name of names) await defineProjectPermission({ ...ctx.actor, name, description: "" });
  return ctx;
}

describe("environment pinning", () => {
  it('"environment" in the body refuses a key of another environment with 403 wrong_environment, on every instance', async () => {
    const { auth } = await projectWithKey({}, "test");
    for (const api of [a, b]) {
      const body = expectApiError(await verify(api, auth, { environment: "live" }), 403, "wrong_environment");
      expect(body.error.message).toBe("This is a test key, and the request requires a live key.");
      expect((await verify(api, auth, { environment: "test" })).statusCode).toBe(200);
    }
    expectApiError(await verify(a, auth, { environment: "production" }), 400, "invalid_request");
  });
});

describe("IP allowlist", () => {
  it("is stored normalised; client_ip outside it, or missing, is 403 ip_not_allowed; a malformed one is 400", async () => {
    const { actor, key, auth } = await projectWithKey();
    const { receipt } = await updateKeyPolicy({ ...actor, keyId: key.id, ipAllowlist: updateKeyPolicyInput.parse({ projectId: actor.projectId, keyId: key.id, ipAllowlist: ["10.1.2.3/8", "2001:DB8::1", "10.0.0.0/8"] }).ipAllowlist });
    expect(receipt!.acknowledged.length).toBeGreaterThanOrEqual(2);
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: key.id } })).ipAllowlist).toEqual(["10.0.0.0/8", "2001:db8::1/128"]);

    expect((await verify(a, auth, { client_ip: "10.200.0.9" })).statusCode).toBe(200);
    expect((await verify(b, auth, { client_ip: "2001:db8::1" })).statusCode).toBe(200);
    expect(expectApiError(await verify(a, auth, { client_ip: "192.0.2.1" }), 403, "ip_not_allowed").error.message).toMatch(/outside the key's IP allowlist/);
    expect(expectApiError(await verify(b, auth), 403, "ip_not_allowed").error.message).toMatch(/send client_ip/);
    expect(expectApiError(await verify(a, auth, { client_ip: "10.0.0.0/8" }), 400, "invalid_request").error.message).toMatch(/client_ip/);
  });

  it("refuses entries that are not addresses or ranges, saying which", () => {
    const parsed = updateKeyPolicyInput.safeParse({ projectId: "c".repeat(25), keyId: "c".repeat(25), ipAllowlist: ["10.0.0.0/8", "10.0.0.0/33"] });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0]).toMatchObject({ path: ["ipAllowlist", 1], message: expect.stringContaining('"10.0.0.0/33"') });
  });
});

describe("permissions", () => {
  it("a key granted charges.* satisfies charges.write; what it lacks is listed; the 200 lists its permissions", async () => {
    const ctx = await projectWithPermissions(["charges.read", "charges.write", "refunds.read"]);
    const scoped = await createKey({ ...ctx.actor, name: "scoped", environment: "live", expiry: never, permissions: ["charges.*"] });
    const auth = { authorization: `Bearer ${scoped.plaintext}` };
    const ok = await verify(a, auth, { permissions: "charges.write AND (refunds.read OR charges.read)" });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ permissions: ["charges.read", "charges.write"] });

    const refused = await verify(b, auth, { permissions: "charges.write AND refunds.read" });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toEqual({
      error: { code: "insufficient_permissions", message: "This key lacks the permissions the request requires: refunds.read.", missing_permissions: ["refunds.read"] },
    });
    // The default key holds every name of the project.
    expect((await verify(a, ctx.auth, { permissions: "refunds.read AND charges.write" })).json()).toMatchObject({ permissions: ["charges.read", "charges.write", "refunds.read"] });
  });

  it("a malformed query is 400 invalid_request saying where", async () => {
    const { auth } = await projectWithKey();
    expect(expectApiError(await verify(a, auth, { permissions: "a AND (b OR" }), 400, "invalid_request").error.message).toBe(
      "permissions: expected a permission name or ( but found the end of the query at position 12.",
    );
  });

  it("a name the project does not define cannot be granted; removing a name takes it from every key at once", async () => {
    const ctx = await projectWithPermissions(["charges.read", "charges.write"]);
    await expect(createKey({ ...ctx.actor, name: "x", environment: "live", expiry: never, permissions: ["charges.writ"] })).rejects.toMatchObject({ code: "invalid_request" });
    const scoped = await createKey({ ...ctx.actor, name: "scoped", environment: "live", expiry: never, permissions: ["charges.read"] });
    const auth = { authorization: `Bearer ${scoped.plaintext}` };
    for (const api of [a, b]) expect((await verify(api, auth, { permissions: "charges.read" })).statusCode).toBe(200);

    const { receipt } = await removeProjectPermission({ ...ctx.actor, permission: "charges.read" });
    expect(receipt!.acknowledged.length).toBeGreaterThanOrEqual(2);
    for (const api of [a, b]) expect((await verify(api, auth, { permissions: "charges.read" })).statusCode).toBe(403);
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: scoped.id } })).permissions).toEqual([]);
    await expect(defineProjectPermission({ ...ctx.actor, name: "charges.write", description: "" })).rejects.toMatchObject({ code: "conflict" });
  });
});

describe("per-key rate limit", () => {
  it("replaces the plan's per-key rate", async () => {
    const { actor, key, auth } = await projectWithKey({ plan: "custom", customRps: 1000 });
    await updateKeyPolicy({ ...actor, keyId: key.id, rateLimitRps: 2 });
    expect((await verify(a, auth)).statusCode).toBe(200); // cached: the burst below is answered without a lookup
    const codes = (await Promise.all(Array.from({ length: 10 }, () => verify(a, auth)))).map((r) => r.statusCode);
    // Fixed 1-second windows: a burst spans at most two, so at most 2 × 2 pass (the plan's 1000/s would let all through).
    expect(codes.filter((status) => status === 200).length).toBeLessThanOrEqual(4);
    expect(codes.filter((status) => status === 429).length).toBeGreaterThanOrEqual(6);
  });
});

describe("credits", () => {
  it("200 concurrent requests against 50 credits: exactly 50 answered 200, counted once in the database", async () => {
    const { actor, key, auth, project } = await projectWithKey({ plan: "custom", customRps: 100_000, customMonthlyUnits: 1_000_000 });
    await updateKeyPolicy({ ...actor, keyId: key.id, credits: { remaining: 50, refill: null } });
    const url = await a.listen();
    const statuses = await Promise.all(
      Array.from({ length: 200 }, () =>
        fetch(`${url}/api/v1/verify`, { method: "POST", headers: { ...auth, "content-type": "application/json" }, body: "{}" }).then(async (r) => {
          const body = (await r.json()) as { credits?: { remaining: number }; error?: { message: string } };
          return { status: r.status, body };
        }),
      ),
    );
    expect(statuses.filter((s) => s.status === 200)).toHaveLength(50);
    expect(statuses.filter((s) => s.status === 429)).toHaveLength(150);
    expect(statuses.find((s) => s.status === 429)!.body.error!.message).toMatch(/credits are spent, and they do not refill/);
    expect(statuses.map((s) => s.body.credits?.remaining).filter((r) => r !== undefined).sort((x, y) => x! - y!)).toEqual(Array.from({ length: 50 }, (_, i) => i));

    // drain, not one flush: a timer's flush already under way is shared, and may have cut its batch before the last spend.
    expect(await a.service.flusher.drain(5_000)).toBe(true);
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: key.id } })).creditsUsed).toBe(50);
    expect(await recordedUnits(project.id)).toBe(50);
    // The other instance learns it from the flush: nothing more passes there either.
    await expect.poll(async () => (await verify(b, auth)).statusCode, { timeout: 2000, interval: 20 }).toBe(429);
    expect(await b.service.flusher.drain(5_000)).toBe(true);
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: key.id } })).creditsUsed).toBe(50);
  });

  it("refills lazily at the UTC day's end, says when, and the flush writes the new period", async () => {
    const api = await startApi();
    try {
      const { actor, key, auth } = await projectWithKey({ plan: "custom", customRps: 100_000, customMonthlyUnits: 1_000_000 });
      await updateKeyPolicy({ ...actor, keyId: key.id, credits: { remaining: 1, refill: { interval: "daily", amount: 5 } } });
      expect((await verify(api, auth)).json()).toMatchObject({ credits: { limit: 1, remaining: 0 } });
      const spent = expectApiError(await verify(api, auth), 429, "quota_exceeded");
      const nextDay = new Date(Date.now() - (Date.now() % 86_400_000) + 86_400_000).toISOString();
      expect(spent.error.message).toBe(`This key's credits are spent; they refill (5 units, daily) at ${nextDay}.`);

      api.advance(Date.parse(nextDay) - Date.now() + 1000);
      expect((await verify(api, auth, { cost: 2 })).json()).toMatchObject({ credits: { limit: 5, remaining: 3, refills_at: new Date(Date.parse(nextDay) + 86_400_000).toISOString() } });
      expect(await api.service.flusher.drain(5_000)).toBe(true);
      const row = await db.apiKey.findUniqueOrThrow({ where: { id: key.id } });
      expect(row).toMatchObject({ creditsGranted: 5, creditsUsed: 2, creditsPeriodStart: new Date(nextDay) });
    } finally {
      await api.close();
    }
  });

  it("a new credits setting applies on both instances before the change returns, and starts a new balance", async () => {
    const { actor, key, auth } = await projectWithKey({ plan: "custom", customRps: 100_000, customMonthlyUnits: 1_000_000 });
    await updateKeyPolicy({ ...actor, keyId: key.id, credits: { remaining: 1, refill: null } });
    expect((await verify(a, auth)).statusCode).toBe(200);
    expect((await verify(a, auth)).statusCode).toBe(429);
    await updateKeyPolicy({ ...actor, keyId: key.id, credits: { remaining: 3, refill: null } });
    expect((await verify(a, auth)).json()).toMatchObject({ credits: { limit: 3, remaining: 2 } });
    expect((await verify(b, auth)).json()).toMatchObject({ credits: { limit: 3 } });
    // The first balance's unit, flushed late, does not count against the new one.
    expect(await Promise.all([a.service.flusher.drain(5_000), b.service.flusher.drain(5_000)])).toEqual([true, true]);
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: key.id } })).creditsUsed).toBe(2);
    await updateKeyPolicy({ ...actor, keyId: key.id, credits: null });
    expect((await verify(b, auth)).json()).not.toHaveProperty("credits");
  });

  it("once flushed, the keys list, the key's page and the Usage tab show what the API answered is left", async () => {
    const { actor, key, auth } = await projectWithKey({ plan: "custom", customRps: 100_000, customMonthlyUnits: 1_000_000 });
    await updateKeyPolicy({ ...actor, keyId: key.id, credits: { remaining: 5000, refill: { interval: "monthly", amount: 5000 } } });
    await verify(a, auth, { cost: 1000 });
    const answered = (await verify(b, auth, { cost: 2800 })).json() as { credits: { remaining: number } };
    expect(await Promise.all([a.service.flusher.drain(5_000), b.service.flusher.drain(5_000)])).toEqual([true, true]);
    // b's answer counted a's units only if a had flushed before; the database has both.
    expect(answered.credits.remaining).toBeGreaterThanOrEqual(1200);

    const scope = { userId: actor.userId, projectId: actor.projectId };
    const shown = { remaining: 1200, granted: 5000, refill: { interval: "monthly", amount: 5000 } };
    const [list, page, policy, usage] = await Promise.all([
      listKeys({ ...scope, query: listKeysQuery.parse({}) }),
      getKey({ ...scope, keyId: key.id }),
      keyPolicy({ ...scope, keyId: key.id }),
      usageSeries({ ...scope, range: "30d", tz: "UTC", keyId: key.id }),
    ]);
    expect(list.keys.find((k) => k.id === key.id)!.credits).toMatchObject(shown);
    expect(page.credits).toMatchObject(shown);
    expect(policy.credits).toMatchObject(shown);
    expect(usage.credits).toMatchObject(shown);
    // All keys, or a key without credits: nothing to show.
    expect((await usageSeries({ ...scope, range: "30d", tz: "UTC" })).credits).toBeNull();
  });
});

describe("policy changes and the dashboard's log", () => {
  it("take effect on every instance before returning, with the revocation receipt, logged as key.policy_updated", async () => {
    const { actor, key, auth } = await projectWithKey();
    for (const api of [a, b]) expect((await verify(api, auth)).statusCode).toBe(200);
    const result = await updateKeyPolicy({ ...actor, keyId: key.id, ipAllowlist: ["203.0.113.0/24"] });
    // No wait: the second instance refuses at once.
    expect((await verify(b, auth)).statusCode).toBe(403);
    expect((await verify(a, auth)).statusCode).toBe(403);
    const activity = await db.activityEvent.findFirstOrThrow({ where: { projectId: actor.projectId, action: "key.policy_updated" } });
    expect(activity.metadata).toMatchObject({ changes: { ipAllowlist: ["203.0.113.0/24"] }, receipt: result.receipt });

    await renameKey({ ...actor, keyId: key.id, name: "Renamed" });
    expect(await db.activityEvent.findFirstOrThrow({ where: { projectId: actor.projectId, action: "key.renamed" } })).toMatchObject({ metadata: { from: "server", to: "Renamed" } });
    await updateKeyPolicy({ ...actor, keyId: key.id, ipAllowlist: [] });
    expect((await verify(b, auth)).statusCode).toBe(200);
  });

  it("rotation copies the old key's policy to the new key, except what it overrides", async () => {
    const ctx = await projectWithPermissions(["charges.read", "charges.write"]);
    const old = await createKey({
      ...ctx.actor,
      name: "old",
      environment: "live",
      expiry: never,
      permissions: ["charges.read"],
      ipAllowlist: ["10.0.0.0/8"],
      rateLimitRps: 7,
      credits: { remaining: 40, refill: { interval: "monthly", amount: 100 } },
    });
    const rotated = await rotateKey({ ...ctx.actor, keyId: old.id, overlap: "1h", ipAllowlist: ["192.0.2.0/24"] });
    const row = await db.apiKey.findUniqueOrThrow({ where: { id: rotated.id } });
    expect(row).toMatchObject({
      allPermissions: false,
      permissions: ["charges.read"],
      ipAllowlist: ["192.0.2.0/24"],
      rateLimitRps: 7,
      creditsGranted: 40,
      creditRefillInterval: "monthly",
      creditRefillAmount: 100,
    });
    expect(await keyPolicy({ userId: ctx.actor.userId, projectId: ctx.actor.projectId, keyId: rotated.id })).toEqual({
      keyId: rotated.id,
      permissions: ["charges.read"],
      effectivePermissions: ["charges.read"],
      ipAllowlist: ["192.0.2.0/24"],
      rateLimitRps: 7,
      // What is left carries over; the month's refill brings it back to 100.
      credits: { remaining: 40, granted: 40, refill: { interval: "monthly", amount: 100 }, refillsAt: expect.stringMatching(/-01T00:00:00\.000Z$/) },
    });
    expect((await listProjectPermissions({ userId: ctx.actor.userId, projectId: ctx.actor.projectId })).map((p) => p.name)).toEqual(["charges.read", "charges.write"]);
    const stranger = await projectWithKey();
    await expect(keyPolicy({ userId: stranger.owner.id, projectId: ctx.actor.projectId, keyId: rotated.id })).rejects.toMatchObject({ code: "not_found" });
    const auth = { authorization: `Bearer ${rotated.plaintext}` };
    expect((await verify(a, auth, { client_ip: "192.0.2.5", permissions: "charges.read" })).json()).toMatchObject({ permissions: ["charges.read"], credits: { limit: 40, remaining: 39 } });
  });
});
