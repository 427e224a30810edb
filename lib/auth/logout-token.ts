import { jwtVerify, type JWTPayload, type JWTVerifyGetKey } from "jose";

const LOGOUT_EVENT = "http://schemas.openid.net/event/backchannel-logout";

export class InvalidLogoutToken extends Error {}

export type LogoutClaims = { sub?: string; sid?: string };

/**
 * Verifies an OpenID Connect Back-Channel Logout token (spec §2.6): signed by
 * one of the issuer's keys (asymmetric algorithms only), this issuer, this
 * client as audience, issued in the last few minutes, the logout event, a
 * `sub` or a `sid`, and no `nonce` (so an id token cannot pass for one).
 */
export async function verifyLogoutToken(
  token: string,
  { keys, issuer, audience }: { keys: JWTVerifyGetKey; issuer: string; audience: string },
): Promise<LogoutClaims> {
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, keys, {
      issuer,
      audience,
      algorithms: ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"],
      maxTokenAge: "5 minutes",
      requiredClaims: ["iat"],
    }));
  } catch (error) {
    throw new InvalidLogoutToken(`logout token rejected: ${error instanceof Error ? error.message : String(error)}`);
  }
  const events = payload.events as Record<string, unknown> | undefined;
  const event = events?.[LOGOUT_EVENT];
  if (typeof event !== "object" || event === null) throw new InvalidLogoutToken("logout token has no logout event");
  if ("nonce" in payload) throw new InvalidLogoutToken("logout token must not carry a nonce");
  const sub = typeof payload.sub === "string" && payload.sub ? payload.sub : undefined;
  const sid = typeof payload.sid === "string" && payload.sid ? payload.sid : undefined;
  if (!sub && !sid) throw new InvalidLogoutToken("logout token names neither sub nor sid");
  return { sub, sid };
}
