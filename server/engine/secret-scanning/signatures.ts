import "server-only";
import { createHmac, timingSafeEqual, verify } from "node:crypto";

// The two ways a secret-scanning request proves where it comes from.

/** ECDSA P-256 with SHA-256 over the raw body; GitHub sends the DER signature in base64. */
export function verifyGithubSignature(body: Buffer, signatureBase64: string, publicKeyPem: string): boolean {
  const signature = Buffer.from(signatureBase64, "base64");
  if (signature.length === 0 || signature.length > 128) return false;
  try {
    return verify("sha256", body, { key: publicKeyPem, dsaEncoding: "der" }, signature);
  } catch {
    // A key that is not an EC public key, or a signature that is not DER.
    return false;
  }
}

/**
 * Keydeck's own scanners sign `${t}.${body}` with HMAC-SHA256 under
 * SECRET_SCANNING_HMAC_SECRET and send `Keydeck-Signature: t=<unix seconds>,v1=<hex>`.
 * The timestamp is inside the signed content, so a body cannot be replayed
 * with a fresher one; a signature older (or further ahead) than the
 * tolerance is refused.
 */
export const SCANNER_TOLERANCE_SECONDS = 300;

export type ScannerSignature = { ok: true; timestamp: number } | { ok: false; reason: "malformed" | "mismatch" | "stale" };

export function signScannerBody(body: string | Buffer, secret: string, timestamp: number): string {
  const mac = createHmac("sha256", secret).update(`${timestamp}.`).update(body).digest("hex");
  return `t=${timestamp},v1=${mac}`;
}

export function verifyScannerSignature(body: Buffer, header: string, secret: string, nowMs: number): ScannerSignature {
  const fields = new Map<string, string[]>();
  for (const part of header.split(",")) {
    const at = part.indexOf("=");
    if (at < 1) return { ok: false, reason: "malformed" };
    const name = part.slice(0, at).trim();
    fields.set(name, [...(fields.get(name) ?? []), part.slice(at + 1).trim()]);
  }
  const t = fields.get("t");
  const candidates = fields.get("v1") ?? [];
  if (t?.length !== 1 || !/^\d{1,12}$/.test(t[0]!) || candidates.length === 0) return { ok: false, reason: "malformed" };
  const timestamp = Number(t[0]);
  const expected = Buffer.from(signScannerBody(body, secret, timestamp).slice(`t=${timestamp},v1=`.length), "hex");
  // Several v1 values let an operator roll the secret; each is compared in constant time.
  const matches = candidates.some((hex) => /^[0-9a-f]{64}$/i.test(hex) && timingSafeEqual(Buffer.from(hex, "hex"), expected));
  if (!matches) return { ok: false, reason: "mismatch" };
  if (Math.abs(nowMs / 1000 - timestamp) > SCANNER_TOLERANCE_SECONDS) return { ok: false, reason: "stale" };
  return { ok: true, timestamp };
}
