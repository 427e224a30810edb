import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

// Signing secrets must be readable by the server (HS256 needs the secret
// itself, unlike API keys, which are only compared by hash), so they are
// stored encrypted with AES-256-GCM under EMBED_ENCRYPTION_KEY: the database
// alone reveals none of them. The project and secret ids are the associated
// data, so a sealed value copied to another row (another project's, by
// someone who can write the database but not read the key) does not open.
// The same sealing keeps, for minutes only, the one-time secret a create
// action answered with, for a repeat of that request (lib/idempotency).

const VERSION = "v2";
/** v1 had no associated data; only scripts/reseal-embed-secrets.ts still opens it. */
const LEGACY_VERSION = "v1";
const TAG_BYTES = 16;

/** Which row a sealed secret belongs to. */
export type SecretOwner = { projectId: string; secretId: string };

function keyFrom(secret: string): Buffer {
  // Any length of operator secret becomes a 32-byte key.
  return createHash("sha256").update(secret).digest();
}

/**
 * What a sealed value is and whose, as associated data: its purpose first
 * (so a value sealed for one purpose never opens as another), then the ids
 * of the row it belongs to.
 */
const associatedData = (context: readonly string[]) => Buffer.from(context.join("\0"), "utf8");
const signingSecretContext = ({ projectId, secretId }: SecretOwner) => ["keydeck embed signing secret", projectId, secretId];

export function sealSecret(plaintext: string, encryptionKey: string, owner: SecretOwner): string {
  return sealValue(plaintext, encryptionKey, signingSecretContext(owner));
}

/** Seals any short secret under the same key, bound to `context` (its purpose, then its row's ids). */
export function sealValue(plaintext: string, encryptionKey: string, context: readonly string[]): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyFrom(encryptionKey), iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(associatedData(context));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), body.toString("base64url")].join(".");
}

function open(parts: string[], encryptionKey: string, aad: Buffer | null): string {
  const [, iv, tag, body] = parts;
  if (parts.length !== 4 || !iv || !tag || body === undefined) throw new Error("not a sealed secret");
  const tagBytes = Buffer.from(tag, "base64url");
  // Pinned: GCM would otherwise accept a tag cut down to 4 bytes.
  if (tagBytes.length !== TAG_BYTES) throw new Error("not a sealed secret");
  const decipher = createDecipheriv("aes-256-gcm", keyFrom(encryptionKey), Buffer.from(iv, "base64url"), { authTagLength: TAG_BYTES });
  if (aad) decipher.setAAD(aad);
  decipher.setAuthTag(tagBytes);
  return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
}

export function openSecret(sealed: string, encryptionKey: string, owner: SecretOwner): string {
  if (isLegacySealed(sealed)) {
    throw new Error("a signing secret is still in the old sealed format: run `npm run db:reseal-embed-secrets` (docs/SECURITY.md)");
  }
  return openValue(sealed, encryptionKey, signingSecretContext(owner));
}

/** Opens a value of `sealValue` sealed with the same context; throws for any other. */
export function openValue(sealed: string, encryptionKey: string, context: readonly string[]): string {
  const parts = sealed.split(".");
  if (parts[0] !== VERSION) throw new Error("not a sealed secret");
  return open(parts, encryptionKey, associatedData(context));
}

/** Whether a sealed value is in the format of before associated data (v1). */
export const isLegacySealed = (sealed: string) => sealed.startsWith(`${LEGACY_VERSION}.`);

/** Opens a v1 value (no associated data): for the re-sealing script only. */
export function openLegacySecret(sealed: string, encryptionKey: string): string {
  const parts = sealed.split(".");
  if (parts[0] !== LEGACY_VERSION) throw new Error("not a v1 sealed secret");
  return open(parts, encryptionKey, null);
}
