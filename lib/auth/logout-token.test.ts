import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT, type JWTPayload, type KeyLike } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { InvalidLogoutToken, verifyLogoutToken } from "./logout-token";

const issuer = "http://127.0.0.1:8080/realms/keydeck";
const audience = "keydeck-dashboard";
const event = { "http://schemas.openid.net/event/backchannel-logout": {} };

let signingKey: KeyLike;
let otherKey: KeyLike;
let keys: ReturnType<typeof createLocalJWKSet>;

beforeAll(async () => {
  const issuerKeys = await generateKeyPair("RS256");
  signingKey = issuerKeys.privateKey;
  otherKey = (await generateKeyPair("RS256")).privateKey;
  keys = createLocalJWKSet({ keys: [{ ...(await exportJWK(issuerKeys.publicKey)), kid: "k1", alg: "RS256" }] });
});

function token(claims: JWTPayload, { key = signingKey, iat = Math.floor(Date.now() / 1000) } = {}) {
  return new SignJWT(claims).setProtectedHeader({ alg: "RS256", kid: "k1", typ: "logout+jwt" }).setIssuedAt(iat).sign(key);
}

const verify = (jwt: string) => verifyLogoutToken(jwt, { keys, issuer, audience });

describe("verifyLogoutToken", () => {
  it("accepts the issuer's logout token and returns sub and sid", async () => {
    const jwt = await token({ iss: issuer, aud: audience, sub: "user-1", sid: "session-1", events: event, jti: "j1" });
    await expect(verify(jwt)).resolves.toEqual({ sub: "user-1", sid: "session-1" });
  });

  it.each<[string, JWTPayload]>([
    ["another issuer", { iss: "http://evil.example/realms/keydeck", aud: audience, sub: "u", events: event }],
    ["another audience", { iss: issuer, aud: "another-client", sub: "u", events: event }],
    ["no logout event", { iss: issuer, aud: audience, sub: "u" }],
    ["a nonce (an id token)", { iss: issuer, aud: audience, sub: "u", events: event, nonce: "n" }],
    ["neither sub nor sid", { iss: issuer, aud: audience, events: event }],
  ])("refuses a token with %s", async (_, claims) => {
    await expect(verify(await token(claims))).rejects.toBeInstanceOf(InvalidLogoutToken);
  });

  it("refuses a token signed with another key", async () => {
    const jwt = await token({ iss: issuer, aud: audience, sub: "u", events: event }, { key: otherKey });
    await expect(verify(jwt)).rejects.toBeInstanceOf(InvalidLogoutToken);
  });

  it("refuses an old token", async () => {
    const jwt = await token({ iss: issuer, aud: audience, sub: "u", events: event }, { iat: Math.floor(Date.now() / 1000) - 3600 });
    await expect(verify(jwt)).rejects.toBeInstanceOf(InvalidLogoutToken);
  });

  it("refuses an unsigned token", async () => {
    const body = Buffer.from(JSON.stringify({ iss: issuer, aud: audience, sub: "u", events: event, iat: Math.floor(Date.now() / 1000) })).toString("base64url");
    await expect(verify(`${Buffer.from('{"alg":"none"}').toString("base64url")}.${body}.`)).rejects.toBeInstanceOf(InvalidLogoutToken);
  });
});
