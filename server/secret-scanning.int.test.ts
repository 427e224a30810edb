import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { generateKey, hashKey } from "@/lib/keys/format";
import { createKey, revokeKey } from "@/lib/keys/mutations";
import { replacementSealContext } from "@/lib/keys/leaks";
import { openValue } from "@/lib/embed/secret-box";
import { defineProjectPermission } from "@/lib/keys/permissions";
import { expectApiError, projectWithKey, startApi } from "@/tests/integration/api-harness";
import { githubSigner, keyDocumentFile, report, SCANNER_SECRET, scannerHeaders } from "@/tests/integration/secret-scanning";

// The two secret-scanning endpoints in-process, on the real database: who may
// report (signatures), what a report answers (GitHub's feedback), and what it
// does (each project's leak policy, once per key and place).

const GITHUB = "/api/v1/secret-scanning/github";
const SCANNER = "/api/v1/secret-scanning/report";
const ENCRYPTION_KEY = process.env.EMBED_ENCRYPTION_KEY ?? "keydeck-dev-only-embed-key-do-not-use-in-production";

const github = githubSigner("key-current");
const stranger = githubSigner("key-current"); // same id, another key pair: what a forger has
let api: Awaited<ReturnType<typeof startApi>>;

beforeAll(async () => {
  api = await startApi({ leaseMs: 30_000, secretScanning: { githubKeys: { file: keyDocumentFile(github) }, hmacSecret: SCANNER_SECRET } });
});

afterAll(async () => {
  await api.close();
  await db.$disconnect();
});

const post = (url: string, body: string, headers: Record<string, string>) => api.app.inject({ method: "POST", url, headers, payload: body });
const verify = (plaintext: string) => api.app.inject({ method: "POST", url: "/api/v1/verify", headers: { authorization: `Bearer ${plaintext}` } });
const leaksOf = (keyId: string) => db.keyLeak.findMany({ where: { keyId }, orderBy: { foundAt: "asc" } });

describe("POST /api/v1/secret-scanning/github: signatures", () => {
  it("accepts a body signed with GitHub's published key and labels its tokens", async () => {
    const { key } = await projectWithKey();
    const body = JSON.stringify([report(key.plaintext)]);
    const response = await post(GITHUB, body, github.headers(body));
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual([{ token_hash: hashKey(key.plaintext), token_type: "keydeck_api_key", label: "true_positive" }]);
  });

  it("refuses a wrong key, a tampered body, an unknown key id and missing headers, and changes nothing", async () => {
    const { key } = await projectWithKey();
    const body = JSON.stringify([report(key.plaintext)]);
    const tampered = JSON.stringify([report(key.plaintext, "https://example.com/elsewhere")]);
    const signed = github.headers(body);
    const refusals = [
      await post(GITHUB, body, stranger.headers(body)),
      await post(GITHUB, tampered, signed),
      await post(GITHUB, body, github.headers(body, "key-unknown")),
      await post(GITHUB, body, { "content-type": "application/json" }),
      await post(GITHUB, body, { "content-type": "application/json", "github-public-key-identifier": github.keyIdentifier }),
      await post(GITHUB, body, { ...signed, "github-public-key-signature": "not base64 DER" }),
    ];
    for (const response of refusals) expectApiError(response, 401, "invalid_signature");
    expect(await leaksOf(key.id)).toEqual([]);
    expect((await verify(key.plaintext)).statusCode).toBe(200);
  });

  it("refuses a replay of a body it handled, however much later, and handles it only once", async () => {
    const { key } = await projectWithKey();
    const body = JSON.stringify([report(key.plaintext)]);
    expect((await post(GITHUB, body, github.headers(body))).statusCode).toBe(200);
    // A fresh signature over the same bytes (ECDSA signatures differ each time) is still the same delivery.
    api.advance(7 * 24 * 3600_000);
    try {
      expectApiError(await post(GITHUB, body, github.headers(body)), 409, "replayed");
    } finally {
      api.advance(-7 * 24 * 3600_000);
    }
    expect(await leaksOf(key.id)).toHaveLength(1);
  });
});

describe("a batch of 100 tokens", () => {
  // How long it takes (issue 19: within 1 s) is measured by `npm run bench:leaks`, not asserted here.
  it("labels real and revoked keys true_positive, unknown and malformed ones false_positive", async () => {
    const { actor, key: first } = await projectWithKey({ plan: "custom", customMonthlyUnits: 1_000_000, customRps: 1_000_000 });
    const real = [first.plaintext];
    for (let i = 1; i < 25; i++) real.push((await createKey({ ...actor, name: `real ${i}`, environment: "live", expiry: { kind: "never" } })).plaintext);
    const revoked: string[] = [];
    for (let i = 0; i < 25; i++) {
      const key = await createKey({ ...actor, name: `revoked ${i}`, environment: "test", expiry: { kind: "never" } });
      await revokeKey({ ...actor, keyId: key.id });
      revoked.push(key.plaintext);
    }
    const unknown = Array.from({ length: 25 }, () => generateKey("kd", "live"));
    const malformed = [
      ...Array.from({ length: 20 }, (_, i) => `${real[i]!.slice(0, -1)}${real[i]!.endsWith("A") ? "B" : "A"}`), // checksum broken
      "kd_live_short",
      generateKey("zz", "live"), // another operator's prefix
      "",
      "x".repeat(500),
      "kd_prod_4fQ9xT0bW2mLr8ZcVn3sJ1yKpA7eHu6DgX5oSi",
    ];
    const tokens = [...real, ...revoked, ...unknown, ...malformed].map((token, i) => ({ token, order: (i * 37) % 100 })).sort((a, b) => a.order - b.order).map((t) => t.token);
    expect(tokens).toHaveLength(100);
    const body = JSON.stringify(tokens.map((token) => report(token)));

    const response = await post(GITHUB, body, github.headers(body));
    expect(response.statusCode).toBe(200);
    const positives = new Set([...real, ...revoked]);
    expect(response.json()).toEqual(
      tokens.map((token) => ({ token_hash: hashKey(token), token_type: "keydeck_api_key", label: positives.has(token) ? "true_positive" : "false_positive" })),
    );
    // The default policy revoked every live one, before the answer.
    for (const token of real) expect((await verify(token)).statusCode).toBe(401);
    const leaks = await db.keyLeak.findMany({ where: { projectId: actor.projectId } });
    expect(leaks.filter((l) => l.action === "revoked")).toHaveLength(25);
    expect(leaks.filter((l) => l.action === "already_revoked")).toHaveLength(25);
  });
});

describe("the project's leak policy, once per key and place", () => {
  it("notify only: records the leak and its activity row, and the key keeps working", async () => {
    const { key, project } = await projectWithKey();
    await db.project.update({ where: { id: project.id }, data: { leakPolicy: "notify" } });
    const body = JSON.stringify([report(key.plaintext, "https://github.com/acme/app/blob/1/a.env", "commit")]);
    expect((await post(SCANNER, body, scannerHeaders(body))).json()).toEqual([expect.objectContaining({ label: "true_positive" })]);
    expect((await verify(key.plaintext)).statusCode).toBe(200);
    expect(await leaksOf(key.id)).toEqual([expect.objectContaining({ url: "https://github.com/acme/app/blob/1/a.env", source: "commit", reporter: "scanner", action: "notified" })]);
    const activity = await db.activityEvent.findMany({ where: { projectId: project.id, action: "key.leaked" } });
    expect(activity).toEqual([
      expect.objectContaining({ targetType: "api_key", targetId: key.id, metadata: expect.objectContaining({ url: "https://github.com/acme/app/blob/1/a.env", source: "commit", reported_by: "scanner", action: "notified" }) }),
    ]);
  });

  it("revoke and replace: one replacement with the same policy, sealed for the next admin; repeats change nothing", async () => {
    const { key, project, actor } = await projectWithKey();
    await db.project.update({ where: { id: project.id }, data: { leakPolicy: "replace" } });
    await db.apiKey.update({ where: { id: key.id }, data: { ipAllowlist: ["10.0.0.0/8"], rateLimitRps: 7 } });
    const first = JSON.stringify([report(key.plaintext)]);
    expect((await post(SCANNER, first, scannerHeaders(first))).statusCode).toBe(200);
    expect((await verify(key.plaintext)).statusCode).toBe(401);

    // The same token at the same place (another delivery), and at another place: no second revocation or replacement.
    const again = JSON.stringify([report(key.plaintext), report(key.plaintext)]);
    expect((await post(SCANNER, again, scannerHeaders(again, Math.floor(Date.now() / 1000) - 1))).statusCode).toBe(200);
    const elsewhere = JSON.stringify([report(key.plaintext, "https://gist.github.com/x/1")]);
    expect((await post(GITHUB, elsewhere, github.headers(elsewhere))).statusCode).toBe(200);

    const leaks = await leaksOf(key.id);
    expect(leaks.map((l) => [l.url, l.action])).toEqual([
      ["https://github.com/acme/app/blob/main/.env", "replaced"],
      ["https://gist.github.com/x/1", "already_revoked"],
    ]);
    const replacements = await db.apiKey.findMany({ where: { rotatedFromId: key.id } });
    expect(replacements).toHaveLength(1);
    const replacement = replacements[0]!;
    expect(replacement).toMatchObject({ name: key.name, environment: "live", ipAllowlist: ["10.0.0.0/8"], rateLimitRps: 7, revokedAt: null });
    expect(leaks[0]!.replacementKeyId).toBe(replacement.id);
    const sealed = await db.leakReplacement.findMany({ where: { projectId: actor.projectId } });
    expect(sealed).toHaveLength(1);
    expect(sealed[0]!.sealed).not.toContain(replacement.hint.slice(-4));
    const plaintext = openValue(sealed[0]!.sealed, ENCRYPTION_KEY, replacementSealContext(project.id, replacement.id));
    expect(hashKey(plaintext)).toBe(replacement.hash);
  });

  it("revoke and replace, when the key's policy no longer holds: revoked, and the leak says it was not replaced", async () => {
    const { key, project, actor } = await projectWithKey();
    await db.project.update({ where: { id: project.id }, data: { leakPolicy: "replace" } });
    await defineProjectPermission({ ...actor, name: "charges.read", description: "" });
    await db.apiKey.update({ where: { id: key.id }, data: { allPermissions: false, permissions: ["charges.read"] } });
    await db.projectPermission.deleteMany({ where: { projectId: project.id } });
    const body = JSON.stringify([report(key.plaintext)]);
    expect((await post(SCANNER, body, scannerHeaders(body))).statusCode).toBe(200);
    expect((await verify(key.plaintext)).statusCode).toBe(401);
    expect((await leaksOf(key.id)).map((l) => [l.action, l.replacementKeyId])).toEqual([["revoked", null]]);
    expect(await db.leakReplacement.count({ where: { projectId: project.id } })).toBe(0);
  });

  it("two concurrent reports of one key at two places revoke it once and replace it once", async () => {
    const { key, project } = await projectWithKey();
    await db.project.update({ where: { id: project.id }, data: { leakPolicy: "replace" } });
    const bodies = ["https://a.example/1", "https://b.example/2"].map((url) => JSON.stringify([report(key.plaintext, url)]));
    const answers = await Promise.all(bodies.map((body) => post(SCANNER, body, scannerHeaders(body))));
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200]);
    expect((await leaksOf(key.id)).map((l) => l.action).sort()).toEqual(["already_revoked", "replaced"]);
    expect(await db.apiKey.count({ where: { rotatedFromId: key.id } })).toBe(1);
  });
});

describe("POST /api/v1/secret-scanning/report: the operator's scanners", () => {
  it("refuses a wrong secret, a stale timestamp, a malformed header, and a replay within the window", async () => {
    const { key } = await projectWithKey();
    const body = JSON.stringify([report(key.plaintext)]);
    const now = Math.floor(Date.now() / 1000);
    expectApiError(await post(SCANNER, body, scannerHeaders(body, now, "another-secret-of-at-least-32-characters!")), 401, "invalid_signature");
    // A minute past the 300 s tolerance either way: at 301 a second ticking
    // over between this test's clock and the server's let a "future" one in.
    expectApiError(await post(SCANNER, body, scannerHeaders(body, now - 360)), 401, "invalid_signature");
    expectApiError(await post(SCANNER, body, scannerHeaders(body, now + 360)), 401, "invalid_signature");
    expectApiError(await post(SCANNER, body, { "keydeck-signature": "t=abc,v1=00" }), 401, "invalid_signature");
    expectApiError(await post(SCANNER, body, { "content-type": "application/json" }), 401, "invalid_signature");
    expect(await leaksOf(key.id)).toEqual([]);
    const headers = scannerHeaders(body, now);
    expect((await post(SCANNER, body, headers)).statusCode).toBe(200);
    expectApiError(await post(SCANNER, body, headers), 409, "replayed");
    expect(await leaksOf(key.id)).toHaveLength(1);
  });

  it("refuses bodies that are not a batch of reports, after the signature", async () => {
    for (const body of ["[]", "{}", "not json", JSON.stringify([{ token: 1 }]), JSON.stringify(Array.from({ length: 1001 }, () => report("x")))]) {
      expectApiError(await post(SCANNER, body, scannerHeaders(body)), 400, "invalid_request");
    }
  });
});

describe("an operator who configured neither", () => {
  it("answers 404 at both endpoints", async () => {
    const bare = await startApi({ leaseMs: 30_000 });
    try {
      const body = JSON.stringify([report(generateKey("kd", "live"))]);
      expectApiError(await bare.app.inject({ method: "POST", url: GITHUB, headers: github.headers(body), payload: body }), 404, "not_found");
      expectApiError(await bare.app.inject({ method: "POST", url: SCANNER, headers: scannerHeaders(body), payload: body }), 404, "not_found");
    } finally {
      await bare.close();
    }
  });
});
