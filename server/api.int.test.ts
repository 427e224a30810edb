import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { generateKey } from "@/lib/keys/format";
import { revokeKey, rotateKey } from "@/lib/keys/mutations";
import { setPlan } from "@/lib/plans/set-plan";
import { expectApiError as expectError, projectWithKey, recordedUnits, startApi } from "@/tests/integration/api-harness";

// Every row of the /api/v1 contract, against the real database, through the
// Fastify app in this process (app.inject), with a clock the tests move.

let api: Awaited<ReturnType<typeof startApi>>;

beforeAll(async () => {
  api = await startApi();
});

afterAll(async () => {
  await api.close();
  await db.$disconnect();
});

const verify = (headers: Record<string, string> = {}, payload?: unknown) =>
  api.app.inject({ method: "POST", url: "/api/v1/verify", headers, ...(payload === undefined ? {} : { payload: payload as object }) });

describe("POST /api/v1/verify", () => {
  it("200: the key's project, environment and quota, with this request's cost in `used`", async () => {
    const { key, project, auth } = await projectWithKey();
    const first = await verify(auth, { cost: 3, endpoint: "/v1/pages" });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({
      valid: true,
      project_id: project.id,
      key_id: key.id,
      environment: "live",
      quota: { limit: 1000, used: 3, remaining: 997, period_end: expect.stringMatching(/^\d{4}-\d{2}-01T00:00:00.000Z$/) },
      embed_enabled: false,
      permissions: [],
    });
    expect((await verify(auth)).json()).toMatchObject({ quota: { used: 4, remaining: 996 } });
  });

  it("401 missing_authorization without a Bearer header, with WWW-Authenticate", async () => {
    for (const headers of [{}, { authorization: "Basic dXNlcjpwYXNz" }, { authorization: "Bearer " }] as Record<string, string>[]) {
      const response = await verify(headers);
      expectError(response, 401, "missing_authorization");
      expect(response.headers["www-authenticate"]).toBe("Bearer");
    }
  });

  it("401 invalid_credentials, the same body, for malformed, bad checksum, unknown, revoked and expired keys; a bad checksum sends no query", async () => {
    const { key, auth } = await projectWithKey();
    const revoked = await projectWithKey();
    await revokeKey({ ...revoked.actor, keyId: revoked.key.id });
    const expired = await projectWithKey();
    await db.apiKey.update({ where: { id: expired.key.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await verify(auth)).statusCode).toBe(200);

    const plaintext = key.plaintext;
    const typo = plaintext.slice(0, -8) + (plaintext.at(-8) === "A" ? "B" : "A") + plaintext.slice(-7);
    const queriesBefore = api.service.db.queries;
    const lookupsBefore = api.service.lookupCount;
    const noQuery = ["kd_live_tooshort", `Bearer-less ${plaintext}`, typo, `xx${plaintext.slice(2)}`, "kd_live_" + "A".repeat(36)];
    const bodies = new Set<string>();
    for (const candidate of noQuery) {
      const response = await verify({ authorization: `Bearer ${candidate}` });
      expectError(response, 401, "invalid_credentials");
      bodies.add(response.body);
    }
    expect(api.service.db.queries).toBe(queriesBefore);
    expect(api.service.lookupCount).toBe(lookupsBefore);

    for (const candidate of [generateKey("kd", "live"), revoked.key.plaintext, expired.key.plaintext]) {
      const response = await verify({ authorization: `Bearer ${candidate}` });
      expectError(response, 401, "invalid_credentials");
      expect(response.headers["www-authenticate"]).toBe('Bearer error="invalid_token"');
      bodies.add(response.body);
    }
    expect(bodies.size).toBe(1);
  });

  it("403 forbidden when project_id names another project (the IDOR guard), not counted", async () => {
    const { project, auth } = await projectWithKey();
    const other = await projectWithKey();
    expectError(await verify(auth, { project_id: other.project.id }), 403, "forbidden");
    expect((await verify(auth, { project_id: project.id })).json()).toMatchObject({ quota: { used: 1 } });
  });

  it("400 invalid_request for a body that is not JSON or out of range; 413 over 64 KiB", async () => {
    const { auth } = await projectWithKey();
    const json = { ...auth, "content-type": "application/json" };
    expectError(await api.app.inject({ method: "POST", url: "/api/v1/verify", headers: json, payload: "{not json" }), 400, "invalid_request");
    for (const body of [{ cost: -1 }, { cost: 10_001 }, { cost: 2.5 }, { endpoint: "x".repeat(201) }, [1]]) {
      expectError(await verify(auth, body), 400, "invalid_request");
    }
    const huge = JSON.stringify({ endpoint: "x".repeat(70_000) });
    expectError(await api.app.inject({ method: "POST", url: "/api/v1/verify", headers: json, payload: huge }), 413, "payload_too_large");
    // An empty body with a JSON content type is "no options".
    expect((await api.app.inject({ method: "POST", url: "/api/v1/verify", headers: json, payload: "" })).statusCode).toBe(200);
    // Any content type is read as JSON, as application/json is (callers forward bodies as they come).
    for (const type of ["text/plain", "application/json; charset=utf-8"]) {
      const headers = { ...auth, "content-type": type };
      expect((await api.app.inject({ method: "POST", url: "/api/v1/verify", headers, payload: "{}" })).json()).toMatchObject({ valid: true });
      expectError(await api.app.inject({ method: "POST", url: "/api/v1/verify", headers, payload: JSON.stringify({ cost: -1 }) }), 400, "invalid_request");
      expectError(await api.app.inject({ method: "POST", url: "/api/v1/verify", headers, payload: "{not json" }), 400, "invalid_request");
    }
  });

  it("429 rate_limited past the key's requests per second, with Retry-After in seconds", async () => {
    const { auth } = await projectWithKey({ plan: "free" });
    const statuses: number[] = [];
    let limited;
    for (let i = 0; i < 7; i++) {
      const response = await verify(auth, { cost: 0 });
      statuses.push(response.statusCode);
      if (response.statusCode === 429) limited = response;
    }
    expect(statuses.filter((s) => s === 200)).toHaveLength(5);
    expect(expectError(limited!, 429, "rate_limited")).toBeTruthy();
    expect(Number(limited!.headers["retry-after"])).toBeGreaterThanOrEqual(1);
  });

  it("quota boundary: the request that reaches the limit passes, the next gets 429 quota_exceeded with Retry-After to the period's end", async () => {
    const { project, auth } = await projectWithKey({ plan: "custom", customMonthlyUnits: 10, customRps: 1000 });
    expect((await verify(auth, { cost: 9 })).json()).toMatchObject({ quota: { used: 9, remaining: 1 } });
    expect((await verify(auth, { cost: 1 })).json()).toMatchObject({ quota: { limit: 10, used: 10, remaining: 0 } });
    const refused = await verify(auth, { cost: 1 });
    expectError(refused, 429, "quota_exceeded");
    const now = new Date();
    const periodEnd = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1);
    expect(Number(refused.headers["retry-after"])).toBeCloseTo((periodEnd - Date.now()) / 1000, -1);
    // A cost-0 request still passes at the limit; the refused one was not counted.
    expect((await verify(auth, { cost: 0 })).json()).toMatchObject({ quota: { used: 10 } });
    await api.service.flusher.drain(5000);
    expect(await recordedUnits(project.id)).toBe(10);
  });

  it("quota boundary under 200 concurrent requests over HTTP: exactly the limit passes, and usage recorded equals the 200s' costs", async () => {
    const { project, auth } = await projectWithKey({ plan: "custom", customMonthlyUnits: 150, customRps: 10_000 });
    const base = await api.listen();
    const costs = Array.from({ length: 200 }, (_, i) => (i % 3 === 0 ? 0 : 1 + (i % 2)));
    const responses = await Promise.all(
      costs.map((cost) =>
        fetch(`${base}/api/v1/verify`, { method: "POST", headers: { ...auth, "content-type": "application/json" }, body: JSON.stringify({ cost }) }).then(
          async (r) => ({ status: r.status, cost, body: (await r.json()) as { quota?: { used: number } } }),
        ),
      ),
    );
    const passed = responses.filter((r) => r.status === 200);
    const passedUnits = passed.reduce((sum, r) => sum + r.cost, 0);
    expect(responses.every((r) => r.status === 200 || r.status === 429)).toBe(true);
    expect(passedUnits).toBeLessThanOrEqual(150);
    // Each refused request would have crossed the limit at its turn.
    expect(Math.max(...passed.map((r) => r.body.quota!.used))).toBe(passedUnits);
    expect(150 - passedUnits).toBeLessThan(2);
    await api.service.flusher.drain(5000);
    expect(await recordedUnits(project.id)).toBe(passedUnits);
  });

  it("revoke is immediate: once revokeKey returns, the cached key gets 401", async () => {
    const { key, actor, auth } = await projectWithKey();
    expect((await verify(auth)).statusCode).toBe(200);
    expect((await verify(auth)).statusCode).toBe(200); // cached now
    await revokeKey({ ...actor, keyId: key.id });
    expectError(await verify(auth), 401, "invalid_credentials");
  });

  it("rotation: both keys work during the overlap; the old one stops when it ends", async () => {
    const { key, actor, auth } = await projectWithKey({ plan: "custom", customMonthlyUnits: 1000, customRps: 1000 });
    expect((await verify(auth)).statusCode).toBe(200);
    const rotated = await rotateKey({ ...actor, keyId: key.id, overlap: "1h" });
    const next = { authorization: `Bearer ${rotated.plaintext}` };
    expect((await verify(auth)).statusCode).toBe(200);
    expect((await verify(next)).statusCode).toBe(200);
    api.advance(3600_000 + 1000);
    try {
      expectError(await verify(auth), 401, "invalid_credentials");
      expect((await verify(next)).statusCode).toBe(200);
    } finally {
      api.advance(-(3600_000 + 1000));
    }

    const again = await rotateKey({ ...actor, keyId: rotated.id, overlap: "now" });
    expectError(await verify(next), 401, "invalid_credentials");
    expect((await verify({ authorization: `Bearer ${again.plaintext}` })).statusCode).toBe(200);
  });

  it("a plan change reaches cached keys at once", async () => {
    const { project, auth } = await projectWithKey();
    expect((await verify(auth)).json()).toMatchObject({ quota: { limit: 1000 } });
    const slug = (await db.project.findUniqueOrThrow({ where: { id: project.id } })).slug;
    await setPlan({ slug, plan: "pro" });
    expect((await verify(auth)).json()).toMatchObject({ quota: { limit: 100_000, used: 2 } });
    await setPlan({ slug, plan: "custom", units: 2, rps: 100 });
    expectError(await verify(auth), 429, "quota_exceeded");
  });

  it("test keys share the project's quota unless the operator sets one for them", async () => {
    const { actor, auth } = await projectWithKey({ plan: "custom", customMonthlyUnits: 10, customRps: 1000 });
    const { createKey } = await import("@/lib/keys/mutations");
    const test = await createKey({ ...actor, name: "ci", environment: "test", expiry: { kind: "never" } });
    const testAuth = { authorization: `Bearer ${test.plaintext}` };
    expect((await verify(testAuth, { cost: 4 })).json()).toMatchObject({ environment: "test", quota: { limit: 10, used: 4 } });
    expect((await verify(auth, { cost: 1 })).json()).toMatchObject({ quota: { used: 5 } });
    const slug = (await db.project.findUniqueOrThrow({ where: { id: actor.projectId } })).slug;
    await setPlan({ slug, plan: "custom", units: 10, rps: 1000, testUnits: 4 });
    expectError(await verify(testAuth, { cost: 1 }), 429, "quota_exceeded");
    expect((await verify(auth, { cost: 1 })).json()).toMatchObject({ quota: { limit: 10, used: 2 } });
  });
});

describe("GET /api/v1/usage", () => {
  it("reports the period's usage per day and per key with masked hints only", async () => {
    const { project, key, actor, auth } = await projectWithKey({ plan: "custom", customMonthlyUnits: 1000, customRps: 1000 });
    const { createKey } = await import("@/lib/keys/mutations");
    const second = await createKey({ ...actor, name: "worker", environment: "test", expiry: { kind: "never" } });
    await verify(auth, { cost: 5 });
    await verify({ authorization: `Bearer ${second.plaintext}` }, { cost: 2 });
    await verify(auth, { project_id: "someone-else" });
    await api.service.flusher.drain(5000);

    const response = await api.app.inject({ method: "GET", url: "/api/v1/usage", headers: auth });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ project_id: project.id, environment: "live", quota: { limit: 1000, used: 7, remaining: 993 } });
    expect(body.days).toEqual([{ date: new Date().toISOString().slice(0, 10), units: 7, requests: 2, refused: { unauthorized: 0, quota: 0, rate: 0 } }]);
    expect(body.keys).toEqual([
      { key_id: key.id, hint: key.hint, environment: "live", units: 5, requests: 1 },
      { key_id: second.id, hint: second.hint, environment: "test", units: 2, requests: 1 },
    ]);
    expect(response.body).not.toContain(key.plaintext);
    expect(response.body).not.toContain(second.plaintext);
  });

  it("refuses like verify", async () => {
    expectError(await api.app.inject({ method: "GET", url: "/api/v1/usage" }), 401, "missing_authorization");
    const unknown = { authorization: `Bearer ${generateKey("kd", "live")}` };
    expectError(await api.app.inject({ method: "GET", url: "/api/v1/usage", headers: unknown }), 401, "invalid_credentials");
  });
});

describe("the rest of the service", () => {
  it("serves its OpenAPI 3.1 document and a health check; unknown routes get the error body", async () => {
    const doc = await api.app.inject({ method: "GET", url: "/api/v1/openapi.json" });
    expect(doc.statusCode).toBe(200);
    expect(doc.json()).toMatchObject({ openapi: "3.1.0", paths: { "/api/v1/verify": {}, "/api/v1/usage": {}, "/api/v1/sandbox/key": {} } });
    const health = await api.app.inject({ method: "GET", url: "/healthz" });
    expect(health.json()).toMatchObject({ ok: true, cacheTrusted: true });
    expectError(await api.app.inject({ method: "GET", url: "/api/v1/nope" }), 404, "not_found");
  });
});
