import { createRemoteJWKSet, type JWTVerifyGetKey } from "jose";
import { db } from "../db";
import { env } from "../env";
import { identityProviderMetadata } from "./identity-provider";
import { verifyLogoutToken, type LogoutClaims } from "./logout-token";

export { InvalidLogoutToken } from "./logout-token";

let remoteKeys: { uri: string; keys: JWTVerifyGetKey } | undefined;

/** Verifies against KEYCLOAK_ISSUER's published keys (JWKS, cached and refreshed by jose on an unknown kid). */
export async function verifyIdentityProviderLogoutToken(token: string): Promise<LogoutClaims> {
  const config = env();
  const metadata = await identityProviderMetadata();
  if (!metadata) throw new Error("identity provider discovery failed");
  if (remoteKeys?.uri !== metadata.jwks_uri) {
    remoteKeys = { uri: metadata.jwks_uri, keys: createRemoteJWKSet(new URL(metadata.jwks_uri)) };
  }
  return verifyLogoutToken(token, { keys: remoteKeys.keys, issuer: config.KEYCLOAK_ISSUER, audience: config.KEYCLOAK_CLIENT_ID });
}

/**
 * Ends every dashboard session of the user the token names: by `sub` (the
 * account's provider id), else by `sid` (Keycloak's session id, stored as the
 * account's `session_state` at sign-in). Sessions are not tied to an
 * identity-provider session, so the user is signed out on every device:
 * failing closed. Returns how many sessions ended.
 */
export async function endSessionsForLogout({ sub, sid }: LogoutClaims): Promise<number> {
  const accounts = await db.account.findMany({
    where: { provider: "keycloak", ...(sub ? { providerAccountId: sub } : { session_state: sid }) },
    select: { userId: true },
  });
  if (accounts.length === 0) return 0;
  const { count } = await db.session.deleteMany({ where: { userId: { in: accounts.map((a) => a.userId) } } });
  return count;
}
