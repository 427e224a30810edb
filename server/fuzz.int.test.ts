import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import type { InjectOptions, LightMyRequestResponse } from "fastify";
import { db } from "@/lib/db";
import { generateKey } from "@/lib/keys/format";
import { BODY_LIMIT_BYTES } from "@/server/app";
import { projectWithKey, startApi } from "@/tests/integration/api-harness";
import { defineProjectPermission } from "@/lib/keys/permissions";
import { githubSigner, keyDocumentFile, SCANNER_SECRET, scannerHeaders } from "@/tests/integration/secret-scanning";

// Generated junk at every route of the /api/v1 service (listed by the
// Fastify app itself): wrong types, malformed JSON, unicode, huge numbers,
// bodies over 64 KiB, random headers and query strings. Every answer is a 200
// for a valid request or a 4xx with the one error body, as JSON; never a 5xx.
// Refused requests leave the usage tables as they were.

const RUNS = { perRoute: 200, refused: 300 };

let api: Awaited<ReturnType<typeof startApi>>;
const github = githubSigner();
let valid: Awaited<ReturnType<typeof projectWithKey>>;

beforeAll(async () => {
  // A long lease: on shared cores a slow poll must not turn the answers into 503s (tested elsewhere).
  api = await startApi({ leaseMs: 30_000, secretScanning: { githubKeys: { file: keyDocumentFile(github) }, hmacSecret: SCANNER_SECRET } });
  // A plan with room: junk must not be refused for a quota or a rate instead of for being junk.
  valid = await projectWithKey({ plan: "custom", customMonthlyUnits: 1_000_000, customRps: 1_000_000 });
  // Signed junk may name the valid key: notify only, so it keeps verifying for the other cases.
  await db.project.update({ where: { id: valid.project.id }, data: { leakPolicy: "notify" } });
  for (const name of PERMISSION_NAMES) await defineProjectPermission({ ...valid.actor, name, description: "" });
});

// The valid key holds these (a key holds every name of its project by default); queries name others too.
const PERMISSION_NAMES = ["charges.read", "charges.write", "refunds.read"];

afterAll(async () => {
  await api.close();
  await db.$disconnect();
});

/** "METHOD /path" for every route the app serves, from its own route table. */
function servedRoutes(printed: string): string[] {
  const routes: string[] = [];
  const stack: string[] = [];
  for (const line of printed.split("\n")) {
    const match = /^([│ ]*)[├└]── (\S+)(?: \(([^)]+)\))?$/.exec(line);
    if (!match) continue;
    const depth = match[1]!.length / 4;
    stack.length = depth;
    stack.push(match[2]!);
    for (const method of match[3]?.split(", ") ?? []) routes.push(`${method} ${stack.join("")}`);
  }
  return routes;
}

// What a valid request to each route looks like; the fuzz starts from it.
const ROUTES: Record<string, { authorized: boolean; json: boolean }> = {
  "POST /api/v1/verify": { authorized: true, json: true },
  "GET /api/v1/usage": { authorized: true, json: false },
  "POST /api/v1/embed/sessions": { authorized: true, json: true },
  "HEAD /api/v1/usage": { authorized: true, json: false },
  "POST /api/v1/sandbox/key": { authorized: false, json: false },
  // Unsigned junk here is refused before parsing; signed junk has a case of its own below.
  "POST /api/v1/secret-scanning/github": { authorized: false, json: true },
  "POST /api/v1/secret-scanning/report": { authorized: false, json: true },
  "GET /api/v1/openapi.json": { authorized: false, json: false },
  "HEAD /api/v1/openapi.json": { authorized: false, json: false },
  "GET /healthz": { authorized: false, json: false },
  "HEAD /healthz": { authorized: false, json: false },
};

const KIB = 1024;
const unicode = fc.string({ unit: "binary", maxLength: 40 });
const hugeNumber = fc.oneof(
  fc.double(),
  fc.constantFrom(2 ** 53 + 1, -(2 ** 63), 1e308, -1e308, 5e-324, -0, 10_001, -1),
  fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }).map((n) => n.toString()), // as JSON text, not a JS number
);
const jsonJunk = fc.oneof(fc.jsonValue({ maxDepth: 2 }), unicode, fc.constant(null));

/** A body: JSON with fields of wrong types or values, malformed JSON, unicode text, or over 64 KiB. */
const body = fc.oneof(
  { arbitrary: fc.constant(undefined), weight: 2 },
  {
    arbitrary: fc
      .record(
        {
          cost: fc.oneof(hugeNumber, jsonJunk, fc.integer({ min: 0, max: 3 })),
          endpoint: fc.oneof(unicode, jsonJunk),
          project_id: fc.oneof(unicode, jsonJunk),
          environment: fc.oneof(fc.constantFrom("live", "test", "sandbox", "LIVE"), jsonJunk),
          client_ip: fc.oneof(fc.ipV4(), fc.ipV6(), fc.ipV4Extended(), unicode, jsonJunk),
          permissions: fc.oneof(unicode, jsonJunk),
        },
        { requiredKeys: [] },
      )
      .chain((fields) => fc.dictionary(unicode, jsonJunk, { maxKeys: 2 }).map((extra) => ({ ...extra, ...fields })))
      .map((value) => JSON.stringify(value).replace(/"(-?\d{20,})"/g, "$1")), // bigints as bare huge numbers
    weight: 4,
  },
  { arbitrary: jsonJunk.map((value) => JSON.stringify(value) ?? "null"), weight: 2 },
  { arbitrary: fc.string({ unit: "grapheme", maxLength: 80 }), weight: 2 }, // mostly not JSON
  { arbitrary: fc.constantFrom("{", '{"cost":', "[1,", '{"cost":1}}', "\u0000", "\ufeff{}", '{"cost":1e999}', "nul"), weight: 1 },
  {
    arbitrary: fc.integer({ min: BODY_LIMIT_BYTES + 1, max: BODY_LIMIT_BYTES + 8 * KIB }).map((n) => JSON.stringify({ endpoint: "é".repeat(n / 2) })),
    weight: 1,
  },
);

const token = fc.stringMatching(/^[a-z][a-z0-9-]{0,15}$/);
const headerValue = fc.stringMatching(/^[\x21-\x7e][\x20-\x7e]{0,60}$/);
// Headers the HTTP layer owns (framing, host): forging them tests the test client, not the service.
const RESERVED = new Set(["host", "content-length", "transfer-encoding", "connection", "expect", "upgrade", "te", "trailer", "keep-alive"]);
const randomHeaders = fc.dictionary(
  token.filter((name) => !RESERVED.has(name)),
  headerValue,
  { maxKeys: 4 },
);
const contentType = fc.option(
  fc.oneof(
    fc.constantFrom("application/json", "application/json; charset=utf-16", "text/plain", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded"),
    headerValue,
  ),
);
/** Authorization values that name no usable key: missing scheme, unknown key, a typo, junk. */
const junkAuthorization = (validKey: string) =>
  fc.oneof(
    fc.constant(`Bearer ${generateKey("kd", "live")}`),
    fc.constant(`Bearer ${validKey.slice(0, -1)}${validKey.endsWith("A") ? "B" : "A"}`),
    headerValue.map((junk) => `Bearer ${junk}`),
    headerValue,
    fc.constantFrom("Bearer", "Bearer ", "Basic dXNlcjpwYXNz", `Basic ${validKey}`, `${validKey}`),
  );
const authorization = (validKey: string) =>
  fc.option(fc.oneof(fc.constantFrom(`Bearer ${validKey}`, `bearer ${validKey}`, `Bearer  ${validKey}`), junkAuthorization(validKey)));
const query = fc.option(fc.dictionary(token, fc.oneof(unicode, hugeNumber.map(String)), { maxKeys: 3 }));

function request(route: string, validKey: string): fc.Arbitrary<InjectOptions> {
  const [method, url] = route.split(" ") as [InjectOptions["method"], string];
  return fc.record({ headers: randomHeaders, type: contentType, auth: authorization(validKey), payload: body, query }).map(({ headers, type, auth, payload, query: q }) => {
    const all: Record<string, string> = { ...headers };
    if (type !== null) all["content-type"] = type;
    if (auth !== null) all.authorization = auth;
    const search = q ? `?${new URLSearchParams(q)}` : "";
    return { method, url: `${url}${search}`, headers: all, ...(payload === undefined || method === "GET" || method === "HEAD" ? {} : { payload }) };
  });
}

/** Throws unless the answer is a 200 (201 for a created session), or a 4xx with exactly the error body, as JSON. */
function expectWellFormed(response: LightMyRequestResponse, options: InjectOptions) {
  const context = `${options.method} ${options.url} ${JSON.stringify(options.headers)} ${String(options.payload ?? "").slice(0, 200)} → ${response.statusCode} ${response.body.slice(0, 300)}`;
  expect(response.headers["content-type"], context).toMatch(/^application\/json/);
  const body = options.method === "HEAD" ? null : (JSON.parse(response.body) as unknown);
  // The health check's 503 reports the instance's state (its cache lease), whatever the request.
  if (response.statusCode === 503 && String(options.url).startsWith("/healthz")) {
    if (body !== null) expect(body, context).toMatchObject({ ok: false });
    return;
  }
  expect(response.statusCode, context).toBeLessThan(500);
  if (body === null) return;
  if (response.statusCode === 200 || response.statusCode === 201) return;
  expect(response.statusCode, context).toBeGreaterThanOrEqual(400);
  const { error } = body as { error?: { code?: unknown } };
  // insufficient_permissions alone adds the names the key lacks.
  const details = error?.code === "insufficient_permissions" ? { missing_permissions: expect.any(Array) } : {};
  expect(body, context).toEqual({ error: { code: expect.any(String), message: expect.any(String), ...details } });
}

/** Permission queries: well formed ones over known and unknown names, and the same texts broken at a random place. */
const permissionName = fc.oneof(fc.constantFrom(...PERMISSION_NAMES, "charges.*", "admin", "x"), fc.stringMatching(/^[A-Za-z0-9._*-]{1,70}$/));
const { query: permissionQuery } = fc.letrec<{ query: string; term: string }>((tie) => ({
  query: fc.oneof(
    { arbitrary: tie("term"), weight: 3 },
    { arbitrary: fc.tuple(tie("term"), fc.constantFrom(" AND ", " OR ", "AND", " and ", " "), tie("query")).map((parts) => parts.join("")), weight: 2 },
  ),
  term: fc.oneof({ arbitrary: permissionName, weight: 4 }, { arbitrary: tie("query").map((q) => `(${q})`), weight: 1 }),
}));
const brokenQuery = fc
  .tuple(permissionQuery, fc.nat(), fc.constantFrom("", "(", ")", "$", "AND", " OR ", "é", "\u0000"))
  .map(([query, at, insert]) => query.slice(0, at % (query.length + 1)) + insert + query.slice(at % (query.length + 1)));
const deepQuery = fc.integer({ min: 1, max: 200 }).map((depth) => "(".repeat(depth) + "charges.read" + ")".repeat(depth));
const longQuery = fc.integer({ min: 1, max: 100 }).map((terms) => Array.from({ length: terms }, (_, i) => PERMISSION_NAMES[i % 3]).join(" AND "));

/** Every row of the tables that metering writes. */
async function usageTables() {
  const [hourly, daily, periods, batches, keys] = await Promise.all([
    db.usageHourly.findMany({ orderBy: [{ keyId: "asc" }, { hour: "asc" }] }),
    db.usageDaily.findMany({ orderBy: [{ keyId: "asc" }, { day: "asc" }] }),
    db.projectUsage.findMany({ orderBy: [{ projectId: "asc" }, { periodStart: "asc" }, { environment: "asc" }] }),
    db.meteringBatch.findMany({ orderBy: { id: "asc" } }),
    db.apiKey.findMany({ orderBy: { id: "asc" }, select: { id: true, lastUsedAt: true, revokedAt: true } }),
  ]);
  return JSON.stringify({ hourly, daily, periods, batches, keys }, (_, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
}

describe("the /api/v1 service under generated junk", () => {
  const routes = () => servedRoutes(api.app.printRoutes({ commonPrefix: false }));

  it("every served route has a fuzz case (add one to ROUTES when this fails)", () => {
    const served = routes();
    expect(served.length).toBeGreaterThanOrEqual(8);
    expect(served.filter((route) => !ROUTES[route]).map((route) => `add a fuzz case for ${route} in server/fuzz.int.test.ts`)).toEqual([]);
  });

  it("answers every request to every route with a 200 or a 4xx error body, as JSON, never a 5xx", async () => {
    const validKey = valid.key.plaintext;
    for (const route of routes().filter((r) => ROUTES[r])) {
      await fc.assert(
        fc.asyncProperty(request(route, validKey), async (options) => {
          expectWellFormed(await api.app.inject(options), options);
        }),
        { numRuns: RUNS.perRoute },
      );
    }
    // Unknown paths and methods: the error body too.
    await fc.assert(
      fc.asyncProperty(fc.constantFrom("GET", "POST", "PUT", "DELETE", "PATCH"), fc.webPath(), async (method, path) => {
        const options: InjectOptions = { method: method as InjectOptions["method"], url: `/api/v1/x${path}` };
        expectWellFormed(await api.app.inject(options), options);
      }),
      { numRuns: 30 },
    );
  });

  it("signed junk at the secret-scanning endpoints: a 200 with feedback or a 4xx error body, never a 5xx", async () => {
    const junkReport = fc.record(
      {
        token: fc.oneof(fc.constant(valid.key.plaintext), fc.constant(generateKey("kd", "live")), unicode, jsonJunk),
        type: fc.oneof(unicode, jsonJunk),
        url: fc.oneof(fc.webUrl(), unicode, jsonJunk),
        source: fc.oneof(fc.constantFrom("content", "commit", "npm"), jsonJunk),
      },
      { requiredKeys: [] },
    );
    const signedBody = fc.oneof(
      { arbitrary: fc.array(junkReport, { maxLength: 5 }).map((reports) => JSON.stringify(reports)), weight: 4 },
      { arbitrary: body.filter((b): b is string => typeof b === "string" && b.length > 0), weight: 2 },
      // A known key found at an address with control characters: stored without them, never a 5xx.
      { arbitrary: fc.constantFrom(`[{"token":"${valid.key.plaintext}","type":"t\\u0000","url":"https://x.example/\\u0000\\u0007","source":"\\u0000"}]`), weight: 1 },
      { arbitrary: fc.constantFrom("[", "[{}]", '[{"token":null}]', "\u0000", "[" + '{"token":"x","type":"t"},'.repeat(1001) + "{}]"), weight: 1 },
    );
    await fc.assert(
      fc.asyncProperty(signedBody, fc.boolean(), fc.nat(), async (payload, toGithub, salt) => {
        // A salt in the URL would not change the body: vary the scanner's timestamp so repeats are new deliveries.
        const headers = toGithub ? github.headers(payload) : scannerHeaders(payload, Math.floor(Date.now() / 1000) - (salt % 200));
        const options: InjectOptions = { method: "POST", url: toGithub ? "/api/v1/secret-scanning/github" : "/api/v1/secret-scanning/report", headers, payload };
        const response = await api.app.inject(options);
        expectWellFormed(response, options);
        if (response.statusCode === 200) expect(Array.isArray(response.json())).toBe(true);
      }),
      { numRuns: RUNS.perRoute },
    );
  });

  it("the permissions query language: any query is a 200, a 400 saying where, or a 403 listing what is missing; never a 5xx", async () => {
    const auth = { authorization: `Bearer ${valid.key.plaintext}`, "content-type": "application/json" };
    await fc.assert(
      fc.asyncProperty(fc.oneof(permissionQuery, brokenQuery, deepQuery, longQuery), async (permissions) => {
        const options: InjectOptions = { method: "POST", url: "/api/v1/verify", headers: auth, payload: JSON.stringify({ permissions, cost: 0 }) };
        const response = await api.app.inject(options);
        expectWellFormed(response, options);
        const answer = response.json() as { permissions?: string[]; error?: { code: string; message: string; missing_permissions?: string[] } };
        if (response.statusCode === 400) expect(answer.error!.message, permissions).toMatch(/^permissions: .*(at position \d+|characters)\.$/);
        else if (response.statusCode === 403) {
          expect(answer.error!.code).toBe("insufficient_permissions");
          expect(answer.error!.missing_permissions!.every((name) => !PERMISSION_NAMES.includes(name)), permissions).toBe(true);
        } else expect(response.statusCode, permissions).toBe(200);
      }),
      { numRuns: RUNS.perRoute },
    );
  });

  it("refused requests (junk bodies with a valid key, junk keys) change no usage row", async () => {
    const validKey = valid.key.plaintext;
    await api.service.flusher.drain(5000);
    const before = await usageTables();
    const badBody = fc.oneof(
      fc
        .record({
          cost: fc.oneof(
            // Doubles that are not a valid cost. (0 and -0 are valid; NaN and ±Infinity become null in JSON, which means "no cost given".)
            fc.double({ noNaN: true, noDefaultInfinity: true }).filter((d) => !Number.isInteger(d) || d < 0 || d > 10_000),
            fc.integer({ max: -1 }),
            fc.integer({ min: 10_001 }),
            unicode,
            fc.boolean(),
          ),
        })
        .map((v) => JSON.stringify(v)),
      fc.record({ endpoint: fc.oneof(fc.string({ minLength: 201, maxLength: 400 }), fc.integer()) }).map((v) => JSON.stringify(v)),
      fc.constantFrom("{", "[1]", '"x"', "{}}", '{"project_id": 5}'),
      fc.constant(JSON.stringify({ endpoint: "x".repeat(BODY_LIMIT_BYTES) })),
    );
    const refused = fc.oneof(
      badBody.map((payload) => ({ route: "POST /api/v1/verify", auth: `Bearer ${validKey}`, payload })),
      fc
        .tuple(fc.constantFrom("POST /api/v1/verify", "GET /api/v1/usage"), fc.option(junkAuthorization(validKey)), fc.option(fc.constant('{"cost":1}')))
        .map(([route, auth, payload]) => ({ route, auth, payload })),
    );
    await fc.assert(
      fc.asyncProperty(refused, async ({ route, auth, payload }) => {
        const [method, url] = route.split(" ") as ["POST" | "GET", string];
        const options: InjectOptions = {
          method,
          url,
          headers: { "content-type": "application/json", ...(auth === null ? {} : { authorization: auth }) },
          ...(method === "POST" && payload !== null ? { payload } : {}),
        };
        const response = await api.app.inject(options);
        expectWellFormed(response, options);
        expect(response.statusCode, `${route} ${auth} ${payload?.slice(0, 100)}`).toBeGreaterThanOrEqual(400);
      }),
      { numRuns: RUNS.refused },
    );
    await api.service.flusher.drain(5000);
    expect(await usageTables()).toBe(before);
  });
});
