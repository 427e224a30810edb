import { describe, expect, it } from "vitest";
import { openSecret, sealSecret } from "./secret-box";
import { checkEmbedToken, peekEmbedClaims, signEmbedToken } from "./session-token";

describe("secret box", () => {
  it("round-trips and hides the plaintext", () => {
    const sealed = sealSecret("kd_ss_topsecret", "operator key");
    expect(sealed).not.toContain("topsecret");
    expect(openSecret(sealed, "operator key")).toBe("kd_ss_topsecret");
  });

  it("refuses a wrong key or a tampered box", () => {
    const sealed = sealSecret("s", "k1");
    expect(() => openSecret(sealed, "k2")).toThrow();
    const parts = sealed.split(".");
    parts[3] = Buffer.from("x").toString("base64url");
    expect(() => openSecret(parts.join("."), "k1")).toThrow();
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
});
