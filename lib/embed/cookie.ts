import { createHash, createHmac, timingSafeEqual } from "node:crypto";

// What the embed page trades a session token for: a cookie holding the
// session's claims, signed by the dashboard (a key derived from
// NEXTAUTH_SECRET), so the page can be reloaded without the token in its URL.

/**
 * `gen` is the project's signing-secret generation when the token was
 * redeemed: revoking every secret, or rotating "now", moves the project's
 * generation and so ends the session at its next request.
 */
export type EmbedCookie = { pk: string; sub: string; ext?: string; exp: number; gen: number };

const keyOf = (secret: string) => createHash("sha256").update(`keydeck embed cookie\0${secret}`).digest();
const mac = (payload: string, secret: string) => createHmac("sha256", keyOf(secret)).update(payload).digest();

export function sealEmbedCookie(session: EmbedCookie, secret: string): string {
  const payload = Buffer.from(JSON.stringify(session)).toString("base64url");
  return `${payload}.${mac(payload, secret).toString("base64url")}`;
}

/** The cookie's session if its signature holds and it has not expired; else null. */
export function openEmbedCookie(value: string, secret: string, now = Date.now()): EmbedCookie | null {
  if (value.length > 2048) return null;
  const [payload, signature, extra] = value.split(".");
  if (!payload || !signature || extra !== undefined) return null;
  const given = Buffer.from(signature, "base64url");
  const expected = mac(payload, secret);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const session = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as EmbedCookie;
    if (typeof session.pk !== "string" || typeof session.sub !== "string" || typeof session.exp !== "number" || !Number.isInteger(session.gen)) return null;
    return session.exp > Math.floor(now / 1000) ? session : null;
  } catch {
    return null;
  }
}
