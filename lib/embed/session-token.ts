import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";

// Embed session tokens: compact JWTs signed with HS256 by the project's
// signing secret. Written here rather than with a JWT library because only
// this one algorithm is accepted; `alg` is checked, never trusted.

export type EmbedClaims = {
  iss: "keydeck";
  sub: string; // the project id
  pk: string; // the publishable key
  ext?: string; // the partner's external user id
  iat: number;
  exp: number;
  jti: string;
};

/**
 * The longest session a token may open, from `iat` to `exp`: what the API
 * service issues at most (EMBED_TTL.max in schemas.ts). A token that asks
 * for more was not made by Keydeck, whoever holds the signing secret.
 */
export const MAX_SESSION_SECONDS = 3600;
/** How far in the future `iat` may be: the partner's and our clocks differ a little. */
export const CLOCK_SKEW_SECONDS = 30;

const HEADER = Buffer.from(JSON.stringify({ alg: "HS256", typ: "JWT" })).toString("base64url");

function sign(input: string, secret: string): Buffer {
  return createHmac("sha256", secret).update(input).digest();
}

export function signEmbedToken(
  { projectId, publishableKey, externalUserId, ttlSeconds, now = Date.now() }: {
    projectId: string;
    publishableKey: string;
    externalUserId?: string;
    ttlSeconds: number;
    now?: number;
  },
  secret: string,
): { token: string; claims: EmbedClaims } {
  const iat = Math.floor(now / 1000);
  const claims: EmbedClaims = {
    iss: "keydeck",
    sub: projectId,
    pk: publishableKey,
    ...(externalUserId ? { ext: externalUserId } : {}),
    iat,
    exp: iat + ttlSeconds,
    jti: randomUUID(),
  };
  const payload = Buffer.from(JSON.stringify(claims)).toString("base64url");
  const signature = sign(`${HEADER}.${payload}`, secret).toString("base64url");
  return { token: `${HEADER}.${payload}.${signature}`, claims };
}

/** Claims of a well-formed token, without checking the signature: to find the project whose secrets to try. */
export function peekEmbedClaims(token: string): EmbedClaims | null {
  const parts = token.split(".");
  if (parts.length !== 3 || token.length > 4096 || parts[0] !== HEADER) return null;
  try {
    const claims = JSON.parse(Buffer.from(parts[1]!, "base64url").toString("utf8")) as Partial<EmbedClaims>;
    if (claims.iss !== "keydeck" || typeof claims.sub !== "string" || typeof claims.pk !== "string") return null;
    if (typeof claims.exp !== "number" || typeof claims.iat !== "number" || typeof claims.jti !== "string") return null;
    return claims as EmbedClaims;
  } catch {
    return null;
  }
}

export type TokenCheck = { ok: true; claims: EmbedClaims } | { ok: false; reason: "invalid" | "expired" | "lifetime" };

/**
 * Verifies the signature against any of `secrets` (the current one and, during
 * a rotation's overlap, the previous ones) in constant time, then the
 * lifetime (`exp − iat` at most an hour, `iat` not in the future beyond a
 * small clock skew), then the expiry. "expired" and "lifetime" are only said
 * of a token whose signature is good.
 */
export function checkEmbedToken(token: string, secrets: readonly string[], now = Date.now()): TokenCheck {
  const claims = peekEmbedClaims(token);
  if (!claims) return { ok: false, reason: "invalid" };
  const [header, payload, signature] = token.split(".") as [string, string, string];
  const given = Buffer.from(signature, "base64url");
  let signed = false;
  // Every secret is tried, so the time taken does not tell which one matched.
  for (const secret of secrets) {
    const expected = sign(`${header}.${payload}`, secret);
    if (given.length === expected.length && timingSafeEqual(given, expected)) signed = true;
  }
  if (!signed) return { ok: false, reason: "invalid" };
  const nowSeconds = Math.floor(now / 1000);
  const lifetime = claims.exp - claims.iat;
  if (!(lifetime > 0 && lifetime <= MAX_SESSION_SECONDS) || claims.iat > nowSeconds + CLOCK_SKEW_SECONDS) return { ok: false, reason: "lifetime" };
  if (claims.exp <= nowSeconds) return { ok: false, reason: "expired" };
  return { ok: true, claims };
}
