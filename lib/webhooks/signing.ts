import { randomBytes } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { openValue, sealValue } from "../embed/secret-box";

// Endpoint secrets are in the Standard Webhooks form (`whsec_` + base64 of
// 32 random bytes), so every Standard Webhooks library verifies them as
// they are. The worker needs the secret itself to sign, so it is stored
// sealed like the embed signing secrets (AES-256-GCM under
// EMBED_ENCRYPTION_KEY), bound to its project and row.

export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64")}`;
}

/** The non-secret display form: `whsec_AbCd…wxyz`. */
export function webhookSecretHint(secret: string): string {
  return `${secret.slice(0, 10)}…${secret.slice(-4)}`;
}

type SecretRow = { projectId: string; secretId: string };
const context = ({ projectId, secretId }: SecretRow) => ["keydeck webhook signing secret", projectId, secretId];

export const sealWebhookSecret = (plaintext: string, encryptionKey: string, row: SecretRow) => sealValue(plaintext, encryptionKey, context(row));
export const openWebhookSecret = (sealed: string, encryptionKey: string, row: SecretRow) => openValue(sealed, encryptionKey, context(row));

export type SignedHeaders = { "webhook-id": string; "webhook-timestamp": string; "webhook-signature": string };

/**
 * The Standard Webhooks headers for one attempt. During a rotation's
 * overlap every live secret signs, space-separated in webhook-signature, so
 * a receiver holding either the old or the new secret accepts the message.
 */
export function signedHeaders(messageId: string, at: Date, body: string, secrets: readonly string[]): SignedHeaders {
  if (!secrets.length) throw new Error("an endpoint without a signing secret cannot be sent to");
  const signatures = secrets.map((secret) => new Webhook(secret).sign(messageId, at, body));
  return {
    "webhook-id": messageId,
    "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
    "webhook-signature": signatures.join(" "),
  };
}
