import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { rotateEmbedSecret, setEmbedEnabled, updateEmbedOrigins } from "@/lib/embed/mutations";
import { checkEmbedToken, peekEmbedClaims } from "@/lib/embed/session-token";
import { revokeKey } from "@/lib/keys/mutations";
import { expectApiError, projectWithKey, startApi, startDatabaseProxy } from "@/tests/integration/api-harness";

// POST /api/v1/embed/sessions and what the rest of the API makes of embed
// credentials, through the Fastify app against the real database.

let api: Awaited<ReturnType<typeof startApi>>;

beforeAll(async () => {
  api = await startApi();
});

afterAll(async () => {
  await api.close();
  await db.$disconnect();
});

const sessions = (headers: Record<string, string>, payload?: unknown) =>
  api.app.inject({ method: "POST", url: "/api/v1/embed/sessions", headers, ...(payload === undefined ? {} : { payload: payload as object }) });

// Pro: 50 requests/s per key, room for the tests' bursts.
async function embedProject() {
  const ctx = await projectWithKey({ plan: "pro" });
  const { settings, secret } = await setEmbedEnabled({ ...ctx.actor, enabled: true });
  await updateEmbedOrigins({ ...ctx.actor, origins: ["https://partner.example.com"] });
  return { ...ctx, publishableKey: settings.publishableKey!, secret: secret!.plaintext };
}

describe("POST /api/v1/embed/sessions", () => {
  it("201: a single-use session token signed with the signing secret, with the claims the issue names", async () => {
    const { project, auth, publishableKey, secret } = await embedProject();
    const before = Math.floor(Date.now() / 1000);
    const response = await sessions(auth, { external_user_id: "partner-user-42", ttl_seconds: 600 });
    expect(response.statusCode).toBe(201);
    const body = response.json() as { session_token: string; expires_at: string };
    expect(Object.keys(body).sort()).toEqual(["expires_at", "session_token"]);
    const check = checkEmbedToken(body.session_token, [secret]);
    if (!check.ok) throw new Error(`the session token does not verify: ${check.reason}`);
    const { claims } = check;
    expect(claims).toMatchObject({ sub: project.id, pk: publishableKey, ext: "partner-user-42" });
    expect(claims.exp - claims.iat).toBe(600);
    expect(claims.iat).toBeGreaterThanOrEqual(before);
    expect(Date.parse(body.expires_at)).toBe(claims.exp * 1000);
    const second = (await sessions(auth)).json() as { session_token: string };
    const defaults = peekEmbedClaims(second.session_token)!;
    expect(defaults.exp - defaults.iat).toBe(900);
    expect(defaults.ext).toBeUndefined();
    expect(defaults.jti).not.toBe(claims.jti);
  });

  it("401 for no key, a bad key, a revoked key, the publishable key and the signing secret", async () => {
    const { actor, key, publishableKey, secret } = await embedProject();
    expectApiError(await sessions({}), 401, "missing_authorization");
    for (const credential of [publishableKey, secret, "kd_live_" + "A".repeat(36)]) {
      expectApiError(await sessions({ authorization: `Bearer ${credential}` }), 401, "invalid_credentials");
    }
    await revokeKey({ ...actor, keyId: key.id });
    expectApiError(await sessions({ authorization: `Bearer ${key.plaintext}` }), 401, "invalid_credentials");
  });

  it("401 invalid_credentials when embed mode is off (or never set up), from the very next request", async () => {
    const never = await projectWithKey();
    expectApiError(await sessions(never.auth), 401, "invalid_credentials");

    const { actor, auth } = await embedProject();
    expect((await sessions(auth)).statusCode).toBe(201);
    await setEmbedEnabled({ ...actor, enabled: false });
    expectApiError(await sessions(auth), 401, "invalid_credentials");
    await setEmbedEnabled({ ...actor, enabled: true });
    expect((await sessions(auth)).statusCode).toBe(201);
  });

  it("400 invalid_request for a body out of range, of the wrong type, with unknown fields, or not JSON", async () => {
    const { auth } = await embedProject();
    const bad: Array<[unknown, RegExp]> = [
      [{ ttl_seconds: 59 }, /at least 60/],
      [{ ttl_seconds: 3601 }, /at most 3600/],
      [{ ttl_seconds: 90.5 }, /whole number/],
      [{ ttl_seconds: "900" }, /whole number/],
      [{ external_user_id: "x".repeat(201) }, /at most 200/],
      [{ external_user_id: 7 }, /must be a string/],
      [{ external_user_id: "" }, /must not be empty/],
      [{ user: "x" }, /Unknown field: user/],
      [[1, 2], /JSON object/],
      ['"a JSON string"', /JSON object/],
    ];
    for (const [payload, message] of bad) {
      const body = expectApiError(await sessions(auth, payload), 400, "invalid_request");
      expect(body.error.message).toMatch(message);
    }
    const notJson = await api.app.inject({ method: "POST", url: "/api/v1/embed/sessions", headers: { ...auth, "content-type": "application/json" }, payload: "{nope" });
    expectApiError(notJson, 400, "invalid_request");
    const huge = await api.app.inject({
      method: "POST",
      url: "/api/v1/embed/sessions",
      headers: { ...auth, "content-type": "application/json" },
      payload: JSON.stringify({ external_user_id: "x".repeat(70_000) }),
    });
    expectApiError(huge, 413, "payload_too_large");
  });

  it("429 rate_limited past the key's requests per second, like every authenticated endpoint", async () => {
    const ctx = await projectWithKey({ plan: "custom", customMonthlyUnits: 1000, customRps: 2 });
    await setEmbedEnabled({ ...ctx.actor, enabled: true });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await sessions(ctx.auth)).statusCode);
    expect(statuses.slice(0, 2)).toEqual([201, 201]);
    const limited = await sessions(ctx.auth);
    expectApiError(limited, 429, "rate_limited");
    expect(Number(limited.headers["retry-after"])).toBeGreaterThanOrEqual(1);
  });

  it("503 service_unavailable with Retry-After while the database is away, and 201 again once it is back", async () => {
    const proxy = await startDatabaseProxy(process.env.DATABASE_URL!);
    const isolated = await startApi({ databaseUrl: proxy.url, leaseMs: 600, pollMs: 100 });
    try {
      const { auth } = await embedProject();
      const request = () => isolated.app.inject({ method: "POST", url: "/api/v1/embed/sessions", headers: auth });
      expect((await request()).statusCode).toBe(201);
      await proxy.cut();
      const down = await request();
      expectApiError(down, 503, "service_unavailable");
      expect(Number(down.headers["retry-after"])).toBeGreaterThanOrEqual(1);
      await proxy.restore();
      await expect.poll(async () => (await request()).statusCode, { timeout: 10_000, interval: 100 }).toBe(201);
    } finally {
      await isolated.close();
      await proxy.cut();
    }
  });

  it("signs new sessions with the new secret after a rotation", async () => {
    const { actor, auth, secret } = await embedProject();
    const rotated = await rotateEmbedSecret({ ...actor, overlap: "1h" });
    const { session_token } = (await sessions(auth)).json() as { session_token: string };
    expect(checkEmbedToken(session_token, [rotated.secret!.plaintext])).toMatchObject({ ok: true });
    expect(checkEmbedToken(session_token, [secret])).toEqual({ ok: false, reason: "invalid" });
  });
});

describe("embed credentials elsewhere in the API", () => {
  it("a publishable key or signing secret presented to /verify and /usage gets 401", async () => {
    const { publishableKey, secret } = await embedProject();
    for (const credential of [publishableKey, secret]) {
      const headers = { authorization: `Bearer ${credential}` };
      expectApiError(await api.app.inject({ method: "POST", url: "/api/v1/verify", headers }), 401, "invalid_credentials");
      expectApiError(await api.app.inject({ method: "GET", url: "/api/v1/usage", headers }), 401, "invalid_credentials");
    }
  });

  it("verify reports embed_enabled, and a switch reaches a cached key at once", async () => {
    const { actor, auth } = await embedProject();
    const verify = () => api.app.inject({ method: "POST", url: "/api/v1/verify", headers: auth }).then((r) => (r.json() as { embed_enabled: boolean }).embed_enabled);
    expect(await verify()).toBe(true);
    await setEmbedEnabled({ ...actor, enabled: false });
    expect(await verify()).toBe(false);
  });
});
