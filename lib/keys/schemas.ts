import { z } from "zod";
import { projectId } from "../projects/schemas";
import { idempotencyKey } from "../idempotency/schemas";
import { keyId, keyPolicyFields } from "./policy-schemas";

export const MAX_ACTIVE_KEYS = 100;
export const EXPIRY_DAY_CHOICES = [30, 90, 365] as const;
export const OVERLAP_CHOICES = ["now", "1h", "24h", "7d"] as const;
export type Overlap = (typeof OVERLAP_CHOICES)[number];

export const OVERLAP_MS: Record<Overlap, number> = {
  now: 0,
  "1h": 60 * 60 * 1000,
  "24h": 24 * 60 * 60 * 1000,
  "7d": 7 * 24 * 60 * 60 * 1000,
};


export const keyName = z
  .string({ error: "Enter a key name." })
  .trim()
  .min(1, { error: "Enter a key name." })
  .max(64, { error: "Use at most 64 characters." })
  .refine((name) => !/[\u0000-\u001f\u007f]/.test(name), { error: "Remove control characters from the name." });

/** A calendar date (YYYY-MM-DD) from tomorrow up to five years ahead; the key expires at its start, UTC. */
const expiryDate = z
  .string({ error: "Pick a date." })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "Pick a date." })
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)), { error: "That is not a valid date." })
  .refine((value) => Date.parse(`${value}T00:00:00Z`) > Date.now(), { error: "Pick a date in the future." })
  .refine((value) => Date.parse(`${value}T00:00:00Z`) < Date.now() + 5 * 366 * 86_400_000, {
    error: "Pick a date within five years.",
  });

export const keyExpiry = z.discriminatedUnion(
  "kind",
  [
    z.object({ kind: z.literal("never") }).strict(),
    z.object({ kind: z.literal("days"), days: z.union(EXPIRY_DAY_CHOICES.map((d) => z.literal(d))) }).strict(),
    z.object({ kind: z.literal("date"), date: expiryDate }).strict(),
  ],
  { error: "Choose when the key expires." },
);
export type KeyExpiry = z.infer<typeof keyExpiry>;

export const createKeyInput = z
  .object({
    projectId,
    name: keyName,
    environment: z.enum(["live", "test"], { error: "Choose live or test." }),
    expiry: keyExpiry,
    idempotencyKey,
    ...keyPolicyFields,
  })
  .strict();

export const revokeKeyInput = z.object({ projectId, keyId }).strict();

/** The new key gets the old key's policy, except for the fields given. */
export const rotateKeyInput = z
  .object({ projectId, keyId, overlap: z.enum(OVERLAP_CHOICES, { error: "Choose how long the old key keeps working." }), ...keyPolicyFields })
  .strict();

export const renameKeyInput = z.object({ projectId, keyId, name: keyName }).strict();

export { KEY_STATUS_FILTERS, listKeysQuery, type KeyStatusFilter, type ListKeysQuery } from "./list-params";

/** When a key created now with this policy expires. */
export function expiryDateFor(expiry: KeyExpiry, now: Date): Date | null {
  switch (expiry.kind) {
    case "never":
      return null;
    case "days":
      return new Date(now.getTime() + expiry.days * 86_400_000);
    case "date":
      return new Date(`${expiry.date}T00:00:00Z`);
  }
}
