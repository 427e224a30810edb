import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { createKey } from "@/lib/keys/mutations";
import { generateKey, hashKey, keyHint } from "@/lib/keys/format";
import { expectApiError, projectWithKey, startApi } from "@/tests/integration/api-harness";

// The lookup flood (issue 14, finding 2): the checksum is public, so anyone
// can make endless well-formed unknown keys, each a database lookup. Over
// real HTTP to the Fastify app in this process, behind one trusted proxy
// (TRUST_PROXY=1), so that X-Forwarded-For names each client.

const BURST = 20;
// One unit back every 100 s: nothing refills while the test runs, however slow the machine.
const PER_SECOND = 0.01;
const NEGATIVE_TTL_MS = 10_000;

let api: Awaited<ReturnType<typeof startApi>>;
let url: string;

beforeAll(async () => {
  api = await startApi({ trustedHops: 1, failureBudget: { burst: BURST, perSecond: PER_SECOND, maxClients: 1000 }, negativeCacheTtlMs: NEGATIVE_TTL_MS });
  url = await api.listen();
});

afterAll(async () => {
  await api.close();
  await db.$disconnect();
});

async function verify(key: string, client: string, path = "/api/v1/verify") {
  const response = await fetch(`${url}${path}`, {
    method: path === "/api/v1/verify" ? "POST" : "GET",
    headers: { authorization: `Bearer ${key}`, "x-forwarded-for": client },
  });
  return { status: response.status, retryAfter: response.headers.get("retry-after"), body: (await response.json()) as Record<string, unknown> };
}

describe("a client flooding well-formed unknown keys", () => {
  it("gets 429 rate_limited with Retry-After after its budget, with no lookup, while another client's new valid keys are looked up and answered", async () => {
    const honest = await projectWithKey({ plan: "custom", customMonthlyUnits: 1_000_000, customRps: 1_000 });
    const keys = [honest.key];
    for (let i = 0; i < 19; i++) keys.push(await createKey({ ...honest.actor, name: `server ${i}`, environment: "live", expiry: { kind: "never" } }));
    const flooder = "198.51.100.23";
    // Its first failure gives it a bucket: from then on each of its lookups in flight holds a unit.
    expect((await verify(generateKey("kd", "live"), flooder)).status).toBe(401);
    const lookupsBefore = api.service.lookupCount;
    const started = Date.now();

    // 400 unknown keys in flight at once from one address, and the honest client's 20 keys (never verified before) among them.
    const flood = Array.from({ length: 400 }, () => verify(generateKey("kd", "live"), flooder));
    const honestAnswers = await Promise.all(keys.map((key) => verify(key.plaintext, "203.0.113.5")));
    const floodAnswers = await Promise.all(flood);
    const refilled = Math.ceil(((Date.now() - started) / 1000) * PER_SECOND);

    expect(honestAnswers.map((a) => a.status)).toEqual(keys.map(() => 200));
    expect(honestAnswers.map((a) => a.body.key_id)).toEqual(keys.map((k) => k.id));
    const statuses = floodAnswers.map((a) => a.status);
    const looked = statuses.filter((s) => s === 401).length;
    // The rest of the budget (plus what refilled while the flood ran, if the machine was that slow).
    expect(looked).toBeGreaterThanOrEqual(BURST - 1);
    expect(looked).toBeLessThanOrEqual(BURST - 1 + refilled);
    expect(statuses.filter((s) => s === 429)).toHaveLength(400 - looked);
    expect(api.service.lookupCount - lookupsBefore).toBe(keys.length + looked);
    const refused = floodAnswers.find((a) => a.status === 429)!;
    expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(refused.body).toEqual({ error: { code: "rate_limited", message: expect.stringMatching(/too many unknown keys from this client address/i) } });

    // The usage endpoint's lookups share the budget.
    const usage = await verify(generateKey("kd", "live"), flooder, "/api/v1/usage");
    expect(usage.status).toBe(429);
    // A cached key still answers for the flooding address: it needs no lookup.
    expect((await verify(honest.key.plaintext, flooder)).status).toBe(200);
    // Only the trusted hop counts: a client cannot escape by writing its own X-Forwarded-For.
    expect((await verify(generateKey("kd", "live"), `10.9.9.9, ${flooder}`)).status).toBe(429);
  });

  it("answers the same unknown key from memory for the negative TTL (free, no lookup), then looks it up again and finds a row that appeared", async () => {
    const { project } = await projectWithKey();
    const key = generateKey("kd", "live");
    const client = "192.0.2.77";
    expectApiError(await api.app.inject({ method: "POST", url: "/api/v1/verify", headers: { authorization: `Bearer ${key}`, "x-forwarded-for": client } }), 401, "invalid_credentials");
    const lookups = api.service.lookupCount;
    // Far more repeats than the budget: remembered unknown digests cost neither a lookup nor budget.
    for (let i = 0; i < BURST * 3; i++) expect((await verify(key, client)).status).toBe(401);
    expect(api.service.lookupCount).toBe(lookups);

    // A row for that digest appears (an operator restoring deleted keys from a backup: key
    // creation itself cannot produce a digest someone already asked for).
    await db.$executeRaw`INSERT INTO api_keys (id, project_id, name, environment, hash, hint)
                         VALUES (${randomUUID()}, ${project.id}, 'restored', 'live', ${hashKey(key)}, ${keyHint(key)})`;
    expect((await verify(key, client)).status).toBe(401);
    api.advance(NEGATIVE_TTL_MS);
    expect((await verify(key, client)).body).toMatchObject({ valid: true, project_id: project.id });
    expect(api.service.lookupCount).toBe(lookups + 1);
  });
});
