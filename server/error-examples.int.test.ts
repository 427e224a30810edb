import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InjectOptions, LightMyRequestResponse } from "fastify";
import { db } from "@/lib/db";
import { generateKey } from "@/lib/keys/format";
import { setEmbedEnabled } from "@/lib/embed/mutations";
import { operations } from "@/lib/contract/openapi-view";
import { SANDBOX_KEYS_PER_IP } from "@/lib/plans/plans";
import { MALFORMED_QUERY_EXAMPLE } from "@/lib/contract/openapi";
import { defineProjectPermission } from "@/lib/keys/permissions";
import { updateKeyPolicy } from "@/lib/keys/policy";
import { projectWithKey, startApi, startDatabaseProxy } from "@/tests/integration/api-harness";
import { githubSigner, keyDocumentFile, report, SCANNER_SECRET, scannerHeaders } from "@/tests/integration/secret-scanning";

// The error bodies the API docs show are the bodies the service sends: every
// example in the OpenAPI document, as the docs page reads it, is provoked here, through the Fastify app
// against the real database, and compared byte for byte (as JSON).

type Documented = { id: string; method: string; url: string; status: number; value: unknown };

/** Every example the docs page shows for a response, as `operationId status name`. */
function documentedExamples(): Documented[] {
  return operations().flatMap((op) =>
    op.responses.flatMap((response) =>
      response.examples.map((example) => ({
        id: `${op.id} ${response.status} ${example.name}`,
        method: op.method,
        url: op.path,
        status: Number(response.status),
        value: JSON.parse(example.body) as unknown,
      })),
    ),
  );
}

let api: Awaited<ReturnType<typeof startApi>>;
let proxy: Awaited<ReturnType<typeof startDatabaseProxy>>;
let offline: Awaited<ReturnType<typeof startApi>>;

beforeAll(async () => {
  // A budget of one unknown key per client address, so the flood refusal comes at the second.
  api = await startApi({
    failureBudget: { burst: 1, perSecond: 0.01, maxClients: 1000 },
    secretScanning: { githubKeys: { file: keyDocumentFile(github) }, hmacSecret: SCANNER_SECRET },
  });
  proxy = await startDatabaseProxy(process.env.DATABASE_URL!);
  offline = await startApi({ databaseUrl: proxy.url });
});

afterAll(async () => {
  await Promise.all([api.close(), offline.close()]);
  await proxy.cut();
  await db.$disconnect();
});

let clients = 0;
/** A client address of its own for each scenario: budgets and the sandbox cap are per address. */
const freshAddress = () => `198.51.100.${++clients}`;
const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

async function embedKey(plan: Parameters<typeof projectWithKey>[0] = { plan: "pro" }) {
  const ctx = await projectWithKey(plan);
  await setEmbedEnabled({ ...ctx.actor, enabled: true });
  return ctx.auth;
}

/** Sends the request until the answer has `status` (a limit being used up), at most `attempts` times. */
async function until(status: number, send: () => Promise<LightMyRequestResponse>, attempts = 20) {
  let response = await send();
  for (let i = 1; i < attempts && response.statusCode !== status; i++) response = await send();
  return response;
}

type Scenario = (request: (options: Omit<InjectOptions, "method" | "url">) => Promise<LightMyRequestResponse>) => Promise<LightMyRequestResponse>;

const unknownKeys: Scenario = (request) => {
  const remoteAddress = freshAddress();
  return until(429, () => request({ headers: bearer(generateKey("kd", "live")), remoteAddress }), 5);
};
const keyRate: Scenario = async (request) => {
  const { auth } = await projectWithKey({ plan: "custom", customRps: 1 });
  return until(429, () => request({ headers: auth }));
};
const missing: Scenario = (request) => request({ headers: {} });
const invalid: Scenario = (request) => request({ headers: bearer(generateKey("kd", "live")) });

async function allowlisted() {
  const { actor, key, auth } = await projectWithKey();
  await updateKeyPolicy({ ...actor, keyId: key.id, ipAllowlist: ["10.0.0.0/8"] });
  return auth;
}

// The secret-scanning endpoints: bodies signed as GitHub or as the operator's scanner.
const github = githubSigner();
const signers = { reportLeakedKeysGithub: (body: string) => github.headers(body), reportLeakedKeys: (body: string) => scannerHeaders(body) };
const signed = (body: string, as: keyof typeof signers): Scenario => (request) => request({ headers: signers[as](body), payload: body });
const leakScenarios = (as: keyof typeof signers): Record<string, Scenario> => ({
  [`${as} 400 not_json`]: signed("{not json", as),
  [`${as} 400 shape`]: signed("[]", as),
  [`${as} 400 too_many`]: signed(JSON.stringify(Array.from({ length: 1001 }, () => report("x"))), as),
  [`${as} 401 invalid_signature`]: (request) => request({ headers: { "content-type": "application/json" }, payload: "[]" }),
  [`${as} 409 replayed`]: async (request) => {
    const body = JSON.stringify([report(generateKey("kd", "live"))]);
    const headers = signers[as](body);
    await request({ headers, payload: body });
    return request({ headers, payload: body });
  },
  [`${as} 413 payload_too_large`]: (request) => request({ headers: { "content-type": "application/json" }, payload: "x".repeat(1024 * 1024 + 1) }),
});

/** How each documented example is provoked; the `offline` ones go to the instance whose database is cut. */
const scenarios: Record<string, Scenario> = {
  ...leakScenarios("reportLeakedKeysGithub"),
  ...leakScenarios("reportLeakedKeys"),
  "verifyKey 400 cost": async (request) => request({ headers: (await projectWithKey()).auth, payload: { cost: -1 } }),
  "verifyKey 400 not_json": async (request) =>
    request({ headers: { ...(await projectWithKey()).auth, "content-type": "application/json" }, payload: "{not json" }),
  "verifyKey 400 permissions": async (request) => request({ headers: (await projectWithKey()).auth, payload: { permissions: MALFORMED_QUERY_EXAMPLE } }),
  "verifyKey 400 client_ip": async (request) => request({ headers: (await projectWithKey()).auth, payload: { client_ip: "10.0.0.0/8" } }),
  "verifyKey 403 wrong_environment": async (request) => request({ headers: (await projectWithKey({}, "test")).auth, payload: { environment: "live" } }),
  "verifyKey 403 ip_not_allowed": async (request) => request({ headers: await allowlisted(), payload: { client_ip: "192.0.2.1" } }),
  "verifyKey 403 client_ip_required": async (request) => request({ headers: await allowlisted() }),
  "verifyKey 403 insufficient_permissions": async (request) => {
    const { actor, key, auth } = await projectWithKey();
    for (const name of ["charges.write", "refunds.read"]) await defineProjectPermission({ ...actor, name, description: "" });
    await updateKeyPolicy({ ...actor, keyId: key.id, permissions: ["charges.write"] });
    return request({ headers: auth, payload: { permissions: "charges.write AND refunds.read" } });
  },
  "verifyKey 429 credits_spent": async (request) => {
    const { actor, key, auth } = await projectWithKey();
    await updateKeyPolicy({ ...actor, keyId: key.id, credits: { remaining: 0, refill: null } });
    return request({ headers: auth });
  },
  "verifyKey 401 missing_authorization": missing,
  "verifyKey 401 invalid_credentials": invalid,
  "verifyKey 403 forbidden": async (request) => {
    const { auth } = await projectWithKey();
    const other = await projectWithKey();
    return request({ headers: auth, payload: { project_id: other.project.id } });
  },
  "verifyKey 413 payload_too_large": async (request) =>
    request({ headers: { ...(await projectWithKey()).auth, "content-type": "application/json" }, payload: JSON.stringify({ endpoint: "x".repeat(70_000) }) }),
  "verifyKey 429 quota_exceeded": async (request) => {
    const { auth } = await projectWithKey({ plan: "custom", customMonthlyUnits: 1, customRps: 1000 });
    return until(429, () => request({ headers: auth }));
  },
  "verifyKey 429 rate_limited": keyRate,
  "verifyKey 429 unknown_keys": unknownKeys,
  "getUsage 401 missing_authorization": missing,
  "getUsage 401 invalid_credentials": invalid,
  "getUsage 429 rate_limited": keyRate,
  "getUsage 429 unknown_keys": unknownKeys,
  "createEmbedSession 400 ttl_seconds": async (request) => request({ headers: await embedKey(), payload: { ttl_seconds: 10 ** 9 } }),
  "createEmbedSession 401 missing_authorization": missing,
  "createEmbedSession 401 invalid_credentials": async (request) => request({ headers: (await projectWithKey()).auth }),
  "createEmbedSession 429 rate_limited": async (request) => {
    const auth = await embedKey({ plan: "custom", customRps: 1 });
    return until(429, () => request({ headers: auth }));
  },
  "createEmbedSession 429 unknown_keys": unknownKeys,
  "createSandboxKey 429 rate_limited": (request) => {
    const remoteAddress = freshAddress();
    return until(429, () => request({ remoteAddress }), SANDBOX_KEYS_PER_IP + 1);
  },
};
const offlineScenarios = new Set(["verifyKey 503", "getUsage 503", "createEmbedSession 503", "createSandboxKey 503"]);

describe("the API docs' error examples", () => {
  it("every example has a scenario here (add one when this fails)", () => {
    const ids = documentedExamples().map((e) => e.id);
    expect(ids.filter((id) => !(id in scenarios) && !offlineScenarios.has(id.split(" ").slice(0, 2).join(" ")))).toEqual([]);
    expect(Object.keys(scenarios).filter((id) => !ids.includes(id))).toEqual([]);
  });

  it("are the status and body the service answers", async () => {
    for (const example of documentedExamples().filter((e) => e.id in scenarios)) {
      const response = await scenarios[example.id]!((options) => api.app.inject({ method: example.method as "GET", url: example.url, remoteAddress: freshAddress(), ...options }));
      expect({ id: example.id, status: response.statusCode, body: response.json() }).toEqual({ id: example.id, status: example.status, body: example.value });
    }
  });

  it("503: the body every endpoint sends while the database is away", async () => {
    await proxy.cut();
    const examples = documentedExamples().filter((e) => e.status === 503);
    expect(examples).toHaveLength(offlineScenarios.size);
    for (const example of examples) {
      const response = await offline.app.inject({ method: example.method as "GET", url: example.url, headers: bearer(generateKey("kd", "live")) });
      expect({ id: example.id, status: response.statusCode, body: response.json() }).toEqual({ id: example.id, status: 503, body: example.value });
    }
  });
});
