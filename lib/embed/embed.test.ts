import { describe, expect, it } from "vitest";
import { createCipheriv, createHash, createHmac, randomBytes } from "node:crypto";
import { isLegacySealed, openLegacySecret, openSecret, openValue, sealSecret, sealValue } from "./secret-box";
import { checkEmbedToken, peekEmbedClaims, signEmbedToken } from "./session-token";

describe("secret box", () => {
  const owner = { projectId: "project-1", secretId: "secret-1" };

  it("round-trips and hides the plaintext", () => {
    const sealed = sealSecret("kd_ss_topsecret", "operator key", owner);
    expect(sealed).not.toContain("topsecret");
    expect(openSecret(sealed, "operator key", owner)).toBe("kd_ss_topsecret");
  });

  it("refuses a wrong key or a tampered box", () => {
    const sealed = sealSecret("s", "k1", owner);
    expect(() => openSecret(sealed, "k2", owner)).toThrow();
    const parts = sealed.split(".");
    parts[3] = Buffer.from("x").toString("base64url");
    expect(() => openSecret(parts.join("."), "k1", owner)).toThrow();
  });

  // Finding 9 of the security review: a sealed value opened in any row, and
  // the tag's length was whatever the value said.
  it("opens only in the row it was sealed for: its project and secret ids are the associated data", () => {
    const sealed = sealSecret("kd_ss_a", "k", owner);
    expect(() => openSecret(sealed, "k", { ...owner, projectId: "project-2" })).toThrow();
    expect(() => openSecret(sealed, "k", { ...owner, secretId: "secret-2" })).toThrow();
  });

  it("keeps other purposes apart: a one-time reveal opens only as itself, for its own row, user and action", () => {
    const context = ["keydeck one-time reveal", "row-1", "user-1", "createKey"];
    const sealed = sealValue("kd_live_x", "k", context);
    expect(openValue(sealed, "k", context)).toBe("kd_live_x");
    for (const [i, other] of ["keydeck embed signing secret", "row-2", "user-2", "inviteMember"].entries()) {
      expect(() => openValue(sealed, "k", context.with(i, other))).toThrow();
    }
    expect(() => openSecret(sealed, "k", owner)).toThrow();
    expect(() => openValue(sealSecret("kd_ss_a", "k", owner), "k", ["keydeck one-time reveal", owner.projectId, owner.secretId])).toThrow();
  });

  it.each([4, 8, 12, 15])("refuses a tag cut to %i bytes", (bytes) => {
    const parts = sealSecret("kd_ss_a", "k", owner).split(".");
    parts[2] = Buffer.from(parts[2]!, "base64url").subarray(0, bytes).toString("base64url");
    expect(() => openSecret(parts.join("."), "k", owner)).toThrow();
  });

  it("refuses the old format (v1, no associated data) at run time, naming the script that re-seals it; that script can open it", () => {
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", createHash("sha256").update("k").digest(), iv);
    const body = Buffer.concat([cipher.update("kd_ss_old", "utf8"), cipher.final()]);
    const v1 = ["v1", iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), body.toString("base64url")].join(".");
    expect(isLegacySealed(v1)).toBe(true);
    expect(() => openSecret(v1, "k", owner)).toThrow(/npm run db:reseal-embed-secrets/);
    expect(openLegacySecret(v1, "k")).toBe("kd_ss_old");
  });
});

describe("embed session tokens", () => {
  const base = { projectId: "p1", publishableKey: "kd_pk_abc", externalUserId: "user-7", ttlSeconds: 900, now: 1_800_000_000_000 };

  it("verifies with the signing secret and carries the claims", () => {
    const { token, claims } = signEmbedToken(base, "secret-a");
    expect(checkEmbedToken(token, ["secret-a"], base.now)).toEqual({ ok: true, claims });
    expect(claims).toMatchObject({ sub: "p1", pk: "kd_pk_abc", ext: "user-7", exp: claims.iat + 900 });
    expect(claims.jti).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("accepts the previous secret during an overlap, and nothing else", () => {
    const { token } = signEmbedToken(base, "old");
    expect(checkEmbedToken(token, ["new", "old"], base.now)).toMatchObject({ ok: true });
    expect(checkEmbedToken(token, ["new"], base.now)).toEqual({ ok: false, reason: "invalid" });
  });

  it("refuses expired, tampered and alg-swapped tokens", () => {
    const { token } = signEmbedToken(base, "s");
    expect(checkEmbedToken(token, ["s"], base.now + 901_000)).toEqual({ ok: false, reason: "expired" });
    // Expiry is only reported for a token whose signature holds.
    expect(checkEmbedToken(token, ["other"], base.now + 901_000)).toEqual({ ok: false, reason: "invalid" });
    const [h, p, sig] = token.split(".");
    const forged = Buffer.from(JSON.stringify({ ...peekEmbedClaims(token), sub: "p2" })).toString("base64url");
    expect(checkEmbedToken(`${h}.${forged}.${sig}`, ["s"], base.now)).toEqual({ ok: false, reason: "invalid" });
    const none = Buffer.from(JSON.stringify({ alg: "none", typ: "JWT" })).toString("base64url");
    expect(checkEmbedToken(`${none}.${p}.`, ["s"], base.now)).toEqual({ ok: false, reason: "invalid" });
    expect(checkEmbedToken("garbage", ["s"], base.now)).toEqual({ ok: false, reason: "invalid" });
  });

  // Finding 3 of the security review: the 60–3600 s lifetime was checked
  // only when issuing, so a token forged with a leaked secret could ask for
  // a year.
  it("refuses a well-signed token that asks for more than an hour, or was issued in the future", () => {
    const forge = (claims: Record<string, unknown>) => {
      const header = Buffer.from(JSON.stringify({ alg: "HS256", typ: "JWT" })).toString("base64url");
      const payload = Buffer.from(JSON.stringify(claims)).toString("base64url");
      return `${header}.${payload}.${createHmac("sha256", "s").update(`${header}.${payload}`).digest("base64url")}`;
    };
    const now = Math.floor(base.now / 1000);
    const claims = { iss: "keydeck", sub: "p1", pk: "kd_pk_abc", jti: "j-1" };
    expect(checkEmbedToken(forge({ ...claims, iat: now, exp: now + 3600 }), ["s"], base.now).ok).toBe(true);
    expect(checkEmbedToken(forge({ ...claims, iat: now, exp: now + 3601 }), ["s"], base.now)).toEqual({ ok: false, reason: "lifetime" });
    expect(checkEmbedToken(forge({ ...claims, iat: now, exp: now + 365 * 86400 }), ["s"], base.now)).toEqual({ ok: false, reason: "lifetime" });
    expect(checkEmbedToken(forge({ ...claims, iat: now - 86400, exp: now + 60 }), ["s"], base.now)).toEqual({ ok: false, reason: "lifetime" });
    expect(checkEmbedToken(forge({ ...claims, iat: now + 30, exp: now + 930 }), ["s"], base.now).ok).toBe(true);
    expect(checkEmbedToken(forge({ ...claims, iat: now + 31, exp: now + 931 }), ["s"], base.now)).toEqual({ ok: false, reason: "lifetime" });
    expect(checkEmbedToken(forge({ ...claims, iat: now, exp: now }), ["s"], base.now)).toEqual({ ok: false, reason: "lifetime" });
    // Unsigned, it is just invalid, whatever it asks for.
    expect(checkEmbedToken(forge({ ...claims, iat: now, exp: now + 365 * 86400 }), ["other"], base.now)).toEqual({ ok: false, reason: "invalid" });
  });
});
