import { NextRequest } from "next/server";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { createProject } from "@/lib/projects/mutations";
import { appErrorCode, createUser, snapshot } from "@/tests/integration/factories";
import { EMBED_COOKIE, embedResponse } from "./embed-page";
import { revokeEmbedSecrets, rotateEmbedSecret, setEmbedEnabled, updateEmbedOrigins } from "./mutations";
import { resealLegacySecrets } from "./reseal";
import { openSecret } from "./secret-box";
import { embedSettings } from "./settings";
import { signEmbedToken } from "./session-token";

const ip = "198.51.100.9";

afterAll(async () => {
  await db.$disconnect();
});

async function setup() {
  const owner = await createUser("Embed Owner");
  const project = await createProject({ userId: owner.id, ip, name: "Embed Project" });
  return { owner, project, actor: { userId: owner.id, ip, projectId: project.id } };
}


/** An embed switched on, with its origins, and the secret shown at that moment. */
async function enabledEmbed(origins = ["https://partner.example.com", "http://localhost:5173"]) {
  const ctx = await setup();
  const { settings, secret } = await setEmbedEnabled({ ...ctx.actor, enabled: true });
  await updateEmbedOrigins({ ...ctx.actor, origins });
  return { ...ctx, publishableKey: settings.publishableKey!, secret: secret!.plaintext };
}

function tokenFor(embed: { project: { id: string }; publishableKey: string }, secret: string, overrides: { ttlSeconds?: number; now?: number; publishableKey?: string; projectId?: string } = {}) {
  return signEmbedToken(
    {
      projectId: overrides.projectId ?? embed.project.id,
      publishableKey: overrides.publishableKey ?? embed.publishableKey,
      externalUserId: "partner-user-1",
      ttlSeconds: overrides.ttlSeconds ?? 900,
      now: overrides.now,
    },
    secret,
  ).token;
}

const get = (path: string, headers: Record<string, string> = {}) =>
  embedResponse(new NextRequest(`http://localhost:3000${path}`, { headers }), path.split("/")[2]!.split("?")[0]!);

describe("setEmbedEnabled", () => {
  it("creates the publishable key and a signing secret the first time, shown once and stored sealed", async () => {
    const { actor, project } = await setup();
    const { settings, secret } = await setEmbedEnabled({ ...actor, enabled: true });
    expect(settings).toMatchObject({ enabled: true, origins: [] });
    expect(settings.publishableKey).toMatch(/^kd_pk_[0-9A-Za-z]{24}$/);
    expect(secret!.plaintext).toMatch(/^kd_ss_[0-9A-Za-z]{40}$/);
    expect(settings.secrets).toEqual([{ id: secret!.id, hint: secret!.hint, createdAt: expect.any(String), expiresAt: null }]);

    const row = await db.embedSigningSecret.findUniqueOrThrow({ where: { id: secret!.id } });
    expect(JSON.stringify(row)).not.toContain(secret!.plaintext);
    expect(openSecret(row.sealed, env().EMBED_ENCRYPTION_KEY, { projectId: project.id, secretId: row.id })).toBe(secret!.plaintext);
    const log = await db.activityEvent.findFirstOrThrow({ where: { projectId: project.id, action: "embed.enabled" } });
    expect(JSON.stringify(log)).not.toContain(secret!.plaintext);
    expect(log).toMatchObject({ actorId: actor.userId, ip, metadata: { publishableKey: settings.publishableKey, signingSecretHint: secret!.hint } });
  });

  it("off keeps the key, secret and origins; on again reuses them and shows no secret; both switches are logged", async () => {
    const { actor, project, publishableKey } = await enabledEmbed();
    const off = await setEmbedEnabled({ ...actor, enabled: false });
    expect(off.settings).toMatchObject({ enabled: false, publishableKey, origins: ["https://partner.example.com", "http://localhost:5173"] });
    expect(off.settings.secrets).toHaveLength(1);
    const on = await setEmbedEnabled({ ...actor, enabled: true });
    expect(on.secret).toBeNull();
    expect(on.settings).toMatchObject({ enabled: true, publishableKey });
    const actions = await db.activityEvent.findMany({ where: { projectId: project.id, action: { startsWith: "embed." } }, orderBy: { createdAt: "asc" } });
    expect(actions.map((a) => a.action)).toEqual(["embed.enabled", "embed.origins_updated", "embed.disabled", "embed.enabled"]);
  });

  it("switching to the current state changes nothing", async () => {
    const { actor } = await enabledEmbed();
    const before = await snapshot();
    const again = await setEmbedEnabled({ ...actor, enabled: true });
    expect(again.secret).toBeNull();
    expect(await snapshot()).toBe(before);
  });

  it("is for owners and admins: a developer is refused, another user's project is not found, and nothing changes", async () => {
    const { actor, project } = await setup();
    const developer = await createUser("Developer");
    await db.membership.create({ data: { projectId: project.id, userId: developer.id, role: "developer", directRole: "developer" } });
    const stranger = await createUser("Stranger");
    const before = await snapshot();
    expect(await appErrorCode(setEmbedEnabled({ ...actor, userId: developer.id, enabled: true }))).toBe("forbidden");
    expect(await appErrorCode(setEmbedEnabled({ ...actor, userId: stranger.id, enabled: true }))).toBe("not_found");
    expect(await appErrorCode(updateEmbedOrigins({ ...actor, userId: stranger.id, origins: [] }))).toBe("not_found");
    expect(await appErrorCode(rotateEmbedSecret({ ...actor, userId: stranger.id, overlap: "now" }))).toBe("not_found");
    expect(await appErrorCode(embedSettings({ userId: stranger.id, projectId: project.id }))).toBe("not_found");
    expect(await snapshot()).toBe(before);
  });

  it("two concurrent first switches make one publishable key and one secret", async () => {
    const { actor, project } = await setup();
    const results = await Promise.all([setEmbedEnabled({ ...actor, enabled: true }), setEmbedEnabled({ ...actor, enabled: true })]);
    expect(results.filter((r) => r.secret !== null)).toHaveLength(1);
    expect(await db.embedSigningSecret.count({ where: { projectId: project.id } })).toBe(1);
    expect(new Set(results.map((r) => r.settings.publishableKey)).size).toBe(1);
  });
});

describe("updateEmbedOrigins", () => {
  it("stores the origins and logs what was added and removed; an identical list writes nothing", async () => {
    const { actor, project } = await enabledEmbed(["https://a.example"]);
    const settings = await updateEmbedOrigins({ ...actor, origins: ["https://b.example"] });
    expect(settings.origins).toEqual(["https://b.example"]);
    const log = await db.activityEvent.findFirstOrThrow({ where: { projectId: project.id, action: "embed.origins_updated" }, orderBy: { createdAt: "desc" } });
    expect(log.metadata).toEqual({ origins: ["https://b.example"], added: ["https://b.example"], removed: ["https://a.example"] });
    const before = await snapshot();
    await updateEmbedOrigins({ ...actor, origins: ["https://b.example"] });
    expect(await snapshot()).toBe(before);
  });
});

describe("rotateEmbedSecret", () => {
  it("needs embed mode set up first, and then changes nothing", async () => {
    const { actor } = await setup();
    const before = await snapshot();
    expect(await appErrorCode(rotateEmbedSecret({ ...actor, overlap: "1h" }))).toBe("conflict");
    expect(await snapshot()).toBe(before);
  });

  it("keeps the old secret verifying for the overlap; 'now' drops it, and every other secret still in an overlap, at once", async () => {
    const { actor, project } = await enabledEmbed();
    const first = await rotateEmbedSecret({ ...actor, overlap: "1h" });
    expect(first.settings.secrets).toHaveLength(2);
    expect(first.settings.secrets[0]).toMatchObject({ id: first.secret!.id, expiresAt: null });
    const overlapEnds = Date.parse(first.settings.secrets[1]!.expiresAt!);
    expect(overlapEnds - Date.now()).toBeGreaterThan(59 * 60_000);
    expect(overlapEnds - Date.now()).toBeLessThanOrEqual(60 * 60_000);

    const longer = await rotateEmbedSecret({ ...actor, overlap: "24h" });
    // An overlap is never lengthened: the 1-hour secret keeps its hour.
    expect(longer.settings.secrets.map((s) => s.id)).toEqual([longer.secret!.id, first.secret!.id, first.settings.secrets[1]!.id]);
    expect(longer.settings.secrets[2]!.expiresAt).toBe(first.settings.secrets[1]!.expiresAt);

    // Finding 3 of the security review: "now" used to end only the current
    // secret, and the ones in an overlap kept verifying.
    const second = await rotateEmbedSecret({ ...actor, overlap: "now" });
    expect(second.settings.secrets.map((s) => s.id)).toEqual([second.secret!.id]);
    expect(await db.embedSigningSecret.count({ where: { projectId: project.id } })).toBe(1);
    const log = await db.activityEvent.findFirstOrThrow({ where: { projectId: project.id, action: "embed.secret_rotated" }, orderBy: { createdAt: "desc" } });
    expect(JSON.stringify(log)).not.toContain(second.secret!.plaintext);
  });
});

describe("GET /embed/{publishableKey}", () => {
  it("trades a session token once for a partitioned HttpOnly cookie on the embed path, and redirects to the clean URL", async () => {
    const embed = await enabledEmbed();
    const token = tokenFor(embed, embed.secret);
    const response = await get(`/embed/${embed.publishableKey}?session=${token}&tz=Europe%2FBerlin`);
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`/embed/${embed.publishableKey}?tz=Europe%2FBerlin`);
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
    expect(response.headers.get("content-security-policy")).toContain("frame-ancestors https://partner.example.com http://localhost:5173;");
    const cookie = response.headers.get("set-cookie")!;
    expect(cookie).toMatch(new RegExp(`^${EMBED_COOKIE}=[^;]+; Path=/embed/${embed.publishableKey}; Max-Age=(89\\d|900); HttpOnly; Secure; SameSite=None; Partitioned$`));
    expect(cookie).not.toContain(token);

    const again = await get(`/embed/${embed.publishableKey}?session=${token}`);
    expect(again.status).toBe(401);
    expect(await again.text()).toContain("This session link was already used");

    const page = await get(`/embed/${embed.publishableKey}?tz=Europe%2FBerlin`, { cookie: cookie.split(";")[0]! });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Units used this period");
    expect(html).toContain("(Europe/Berlin)");
    expect(html).not.toContain("<script");
    const csp = page.headers.get("content-security-policy")!;
    expect(csp).toMatch(/^default-src 'none'; style-src 'nonce-[^']+'; font-src 'self'; frame-ancestors https:\/\/partner\.example\.com http:\/\/localhost:5173; base-uri 'none'; form-action 'none'$/);
    expect(page.headers.get("x-frame-options")).toBeNull();
  });

  it("refuses expired, tampered, foreign and unsigned tokens with a clear page, and redeems none of them", async () => {
    const embed = await enabledEmbed();
    const other = await enabledEmbed();
    const cases: Array<[string, string]> = [
      [tokenFor(embed, embed.secret, { ttlSeconds: 60, now: Date.now() - 61_000 }), "This session has expired"],
      [tokenFor(embed, "not-the-secret"), "This session link is not valid"],
      [tokenFor(embed, embed.secret).slice(0, -2) + "xx", "This session link is not valid"],
      ["garbage", "This session link is not valid"],
      [tokenFor(other, other.secret), "This session belongs to another embed"],
      [tokenFor(embed, embed.secret, { publishableKey: other.publishableKey }), "This session belongs to another embed"],
    ];
    for (const [token, message] of cases) {
      const response = await get(`/embed/${embed.publishableKey}?session=${encodeURIComponent(token)}`);
      expect(response.status, message).toBe(401);
      expect(response.headers.get("set-cookie")).toBeNull();
      expect(await response.text()).toContain(message);
    }
    expect(await db.embedRedemption.count({ where: { projectId: embed.project.id } })).toBe(0);
  });

  it("without a session cookie, or with another embed's cookie, asks for a session", async () => {
    const embed = await enabledEmbed();
    const other = await enabledEmbed();
    const redirect = await get(`/embed/${other.publishableKey}?session=${tokenFor(other, other.secret)}`);
    const foreignCookie = redirect.headers.get("set-cookie")!.split(";")[0]!;
    const attempts: Array<Record<string, string>> = [{}, { cookie: foreignCookie }, { cookie: `${EMBED_COOKIE}=forged.value` }];
    for (const headers of attempts) {
      const response = await get(`/embed/${embed.publishableKey}`, headers);
      expect(response.status).toBe(401);
      expect(await response.text()).toContain("No embed session");
    }
  });

  it("an unknown key and a switched-off embed are not available, at once, even with a valid cookie", async () => {
    const embed = await enabledEmbed();
    const redirect = await get(`/embed/${embed.publishableKey}?session=${tokenFor(embed, embed.secret)}`);
    const cookie = redirect.headers.get("set-cookie")!.split(";")[0]!;
    expect((await get(`/embed/${embed.publishableKey}`, { cookie })).status).toBe(200);
    await setEmbedEnabled({ ...embed.actor, enabled: false });
    const off = await get(`/embed/${embed.publishableKey}`, { cookie });
    const unknown = await get(`/embed/kd_pk_${"x".repeat(24)}`);
    for (const response of [off, unknown]) {
      expect(response.status).toBe(404);
      expect(await response.text()).toContain("This embed is not available");
    }
    // The partner's frame may show why it is empty; an unknown key's page may be framed nowhere.
    expect(off.headers.get("content-security-policy")).toContain("frame-ancestors https://partner.example.com http://localhost:5173;");
    expect(unknown.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect((await get(`/embed/${embed.publishableKey}?session=${tokenFor(embed, embed.secret)}`)).status).toBe(404);
  });

  it("tokens signed with a rotated secret open the embed until its overlap ends", async () => {
    const embed = await enabledEmbed();
    const rotated = await rotateEmbedSecret({ ...embed.actor, overlap: "1h" });
    expect((await get(`/embed/${embed.publishableKey}?session=${tokenFor(embed, embed.secret)}`)).status).toBe(303);
    expect((await get(`/embed/${embed.publishableKey}?session=${tokenFor(embed, rotated.secret!.plaintext)}`)).status).toBe(303);
    // The overlap ends.
    await db.embedSigningSecret.updateMany({ where: { projectId: embed.project.id, expiresAt: { not: null } }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const late = await get(`/embed/${embed.publishableKey}?session=${tokenFor(embed, embed.secret)}`);
    expect(late.status).toBe(401);
    expect(await late.text()).toContain("This session link is not valid");
  });

  it("escapes what it shows and answers 404 to a malformed key without a query", async () => {
    const response = await get(`/embed/${encodeURIComponent("<script>alert(1)</script>")}`);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain("<script>");
  });
});

// Finding 3 of the security review: a forged token could open a session as
// long as it liked, rotating did not end open widgets, and nothing revoked
// every secret at once.
describe("ending embed sessions", () => {
  async function openWidget(embed: Awaited<ReturnType<typeof enabledEmbed>>, secret = embed.secret) {
    const redirect = await get(`/embed/${embed.publishableKey}?session=${tokenFor(embed, secret)}`);
    expect(redirect.status).toBe(303);
    const cookie = redirect.headers.get("set-cookie")!.split(";")[0]!;
    expect((await get(`/embed/${embed.publishableKey}`, { cookie })).status).toBe(200);
    return cookie;
  }

  it("refuses a well-signed token that asks for more than an hour, or is issued in the future, and sets no cookie", async () => {
    const embed = await enabledEmbed();
    const attempts = [
      tokenFor(embed, embed.secret, { ttlSeconds: 365 * 24 * 3600 }),
      tokenFor(embed, embed.secret, { ttlSeconds: 3601 }),
      tokenFor(embed, embed.secret, { now: Date.now() + 5 * 60_000 }),
    ];
    for (const token of attempts) {
      const response = await get(`/embed/${embed.publishableKey}?session=${token}`);
      expect(response.status).toBe(401);
      expect(response.headers.get("set-cookie")).toBeNull();
      expect(await response.text()).toContain("more than an hour");
    }
    expect(await db.embedRedemption.count({ where: { projectId: embed.project.id } })).toBe(0);
    // The longest a real session lasts still opens.
    expect((await get(`/embed/${embed.publishableKey}?session=${tokenFor(embed, embed.secret, { ttlSeconds: 3600 })}`)).status).toBe(303);
  });

  it("a 'now' rotation ends every open widget at its next request; one with an overlap does not", async () => {
    const embed = await enabledEmbed();
    const cookie = await openWidget(embed);
    const overlap = await rotateEmbedSecret({ ...embed.actor, overlap: "1h" });
    expect((await get(`/embed/${embed.publishableKey}`, { cookie })).status).toBe(200);
    const fresh = await openWidget(embed, overlap.secret!.plaintext);

    await rotateEmbedSecret({ ...embed.actor, overlap: "now" });
    for (const ended of [cookie, fresh]) {
      const response = await get(`/embed/${embed.publishableKey}`, { cookie: ended });
      expect(response.status).toBe(401);
      expect(await response.text()).toContain("This session has ended");
    }
    // Neither the secret in its overlap nor the one rotated away signs a session any more.
    for (const secret of [embed.secret, overlap.secret!.plaintext]) {
      expect((await get(`/embed/${embed.publishableKey}?session=${tokenFor(embed, secret)}`)).status).toBe(401);
    }
  });

  it("'revoke all secrets now' ends every widget and every secret, logs their hints, and rotating starts again", async () => {
    const embed = await enabledEmbed();
    const cookie = await openWidget(embed);
    const overlap = await rotateEmbedSecret({ ...embed.actor, overlap: "7d" });
    const settings = await revokeEmbedSecrets(embed.actor);
    expect(settings.secrets).toEqual([]);
    expect(await db.embedSigningSecret.count({ where: { projectId: embed.project.id } })).toBe(0);
    expect((await get(`/embed/${embed.publishableKey}`, { cookie })).status).toBe(401);
    for (const secret of [embed.secret, overlap.secret!.plaintext]) {
      expect((await get(`/embed/${embed.publishableKey}?session=${tokenFor(embed, secret)}`)).status).toBe(401);
    }
    const log = await db.activityEvent.findFirstOrThrow({ where: { projectId: embed.project.id, action: "embed.secrets_revoked" } });
    expect((log.metadata as { revokedSecretHints: string[] }).revokedSecretHints).toHaveLength(2);
    expect((log.metadata as { revokedSecretHints: string[] }).revokedSecretHints).toContain(overlap.secret!.hint);
    expect(JSON.stringify(log)).not.toContain(overlap.secret!.plaintext);

    const again = await rotateEmbedSecret({ ...embed.actor, overlap: "now" });
    await openWidget(embed, again.secret!.plaintext);
  });

  it("'revoke all secrets now' is for owners and admins, needs embed mode set up, and otherwise changes nothing", async () => {
    const embed = await enabledEmbed();
    const developer = await createUser("Developer");
    await db.membership.create({ data: { projectId: embed.project.id, userId: developer.id, role: "developer", directRole: "developer" } });
    const stranger = await createUser("Stranger");
    const never = await setup();
    const before = await snapshot();
    expect(await appErrorCode(revokeEmbedSecrets({ ...embed.actor, userId: developer.id }))).toBe("forbidden");
    expect(await appErrorCode(revokeEmbedSecrets({ ...embed.actor, userId: stranger.id }))).toBe("not_found");
    expect(await appErrorCode(revokeEmbedSecrets(never.actor))).toBe("conflict");
    expect(await snapshot()).toBe(before);
  });
});

// Finding 9 of the security review: rows sealed before associated data are
// re-sealed by scripts/reseal-embed-secrets.ts (this function).
describe("resealLegacySecrets", () => {
  it("re-seals v1 rows with their ids as associated data, once", async () => {
    const embed = await enabledEmbed();
    const key = env().EMBED_ENCRYPTION_KEY;
    const { createCipheriv, createHash, randomBytes } = await import("node:crypto");
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", createHash("sha256").update(key).digest(), iv);
    const body = Buffer.concat([cipher.update(embed.secret, "utf8"), cipher.final()]);
    const v1 = ["v1", iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), body.toString("base64url")].join(".");
    const row = await db.embedSigningSecret.findFirstOrThrow({ where: { projectId: embed.project.id } });
    await db.embedSigningSecret.update({ where: { id: row.id }, data: { sealed: v1 } });
    // Refused until re-sealed: the page cannot open the old format.
    await expect(get(`/embed/${embed.publishableKey}?session=${tokenFor(embed, embed.secret)}`)).rejects.toThrow(/reseal-embed-secrets/);

    expect(await resealLegacySecrets(db, key)).toBeGreaterThanOrEqual(1);
    const resealed = await db.embedSigningSecret.findUniqueOrThrow({ where: { id: row.id } });
    expect(resealed.sealed).toMatch(/^v2\./);
    expect(openSecret(resealed.sealed, key, { projectId: embed.project.id, secretId: row.id })).toBe(embed.secret);
    expect(await resealLegacySecrets(db, key)).toBe(0);
    expect((await get(`/embed/${embed.publishableKey}?session=${tokenFor(embed, embed.secret)}`)).status).toBe(303);
  });
});
