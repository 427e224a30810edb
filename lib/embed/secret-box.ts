import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

// Signing secrets must be readable by the server (HS256 needs the secret
// itself, unlike API keys, which are only compared by hash), so they are
// stored encrypted with AES-256-GCM under EMBED_ENCRYPTION_KEY: the database
// alone reveals none of them.

const VERSION = "v1";

function keyFrom(secret: string): Buffer {
  // Any length of operator secret becomes a 32-byte key.
  return createHash("sha256").update(secret).digest();
}

export function sealSecret(plaintext: string, encryptionKey: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyFrom(encryptionKey), iv);
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), body.toString("base64url")].join(".");
}

export function openSecret(sealed: string, encryptionKey: string): string {
  const [version, iv, tag, body] = sealed.split(".");
  if (version !== VERSION || !iv || !tag || body === undefined) throw new Error("not a sealed secret");
  const decipher = createDecipheriv("aes-256-gcm", keyFrom(encryptionKey), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
}
