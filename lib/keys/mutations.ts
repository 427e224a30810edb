import type { KeyEnvironment } from "@prisma/client";
import { db, type Tx } from "../db";
import { env } from "../env";
import { AppError } from "../errors";
import { recordActivity } from "../activity/record";
import { requireProjectAccess } from "../projects/access";
import { keyPermission } from "../projects/roles";
import { lockProject } from "../projects/lock";
import { repeatable, secretInField } from "../idempotency/repeatable";
import { generateKey, hashKey, keyHint } from "./format";
import { transactionInvalidating } from "./invalidate";
import { usableKeyWhere } from "./status";
import { findWritableKey } from "./writable";
import { policyData, rotatedPolicy } from "./policy";
import type { KeyPolicyInput } from "./policy-schemas";
import { expiryDateFor, MAX_ACTIVE_KEYS, OVERLAP_MS, type KeyExpiry, type Overlap } from "./schemas";

type Actor = { userId: string; ip: string | null };

/** What a create or rotate returns: the only time the plaintext leaves the server. */
export type IssuedKey = {
  id: string;
  name: string;
  environment: KeyEnvironment;
  hint: string;
  expiresAt: string | null;
  plaintext: string;
};

async function assertRoomForKeys(tx: Tx, projectId: string, now: Date, adding: number, excludingKeyId?: string) {
  const active = await tx.apiKey.count({
    where: { projectId, ...usableKeyWhere(now), ...(excludingKeyId ? { id: { not: excludingKeyId } } : {}) },
  });
  if (active + adding > MAX_ACTIVE_KEYS) {
    throw new AppError(
      "limit_reached",
      `This project already has ${MAX_ACTIVE_KEYS} active keys, the most it can hold. Revoke keys you no longer use, then try again.`,
    );
  }
}

/** A new key row; `prefix` is the dashboard's KEY_PREFIX unless the caller is another process (the /api/v1 service). */
export async function insertKey(
  tx: Tx,
  data: { projectId: string; name: string; environment: KeyEnvironment; expiresAt: Date | null; createdById: string | null; rotatedFromId?: string },
  policy: KeyPolicyInput,
  now: Date,
  prefix: string = env().KEY_PREFIX,
) {
  const plaintext = generateKey(prefix, data.environment);
  const key = await tx.apiKey.create({
    data: { ...data, ...(await policyData(tx, data.projectId, policy, now)), hash: hashKey(plaintext), hint: keyHint(plaintext) },
    select: { id: true, name: true, environment: true, hint: true, expiresAt: true },
  });
  return { ...key, expiresAt: key.expiresAt?.toISOString() ?? null, plaintext };
}

const ISSUED_KEY = secretInField<IssuedKey, "plaintext">(
  "plaintext",
  "This key was already created, and you confirmed you had copied it, so it is not shown again. If you did not keep it, revoke it in the list and create another.",
);

/** A repeat of the request (its idempotency key) gets the same key, and its plaintext until the user confirmed copying it. */
export async function createKey({
  userId,
  ip,
  projectId,
  name,
  environment,
  expiry,
  idempotencyKey,
  ...policy
}: Actor & KeyPolicyInput & { projectId: string; name: string; environment: "live" | "test"; expiry: KeyExpiry; idempotencyKey?: string }): Promise<IssuedKey> {
  const request = repeatable(ISSUED_KEY, { action: "createKey", userId, idempotencyKey, input: { projectId, name, environment, expiry, ...policy } });
  return db.$transaction(async (tx) => {
    // The new key will be the creator's own: developers may create live keys too.
    await requireProjectAccess({ userId, projectId, permission: keyPermission({ environment, createdById: userId }, userId) }, tx);
    return request.once(tx, async () => {
      // Two concurrent creates cannot both see 99 active keys and make 101.
      await lockProject(tx, projectId);
      const now = new Date();
      await assertRoomForKeys(tx, projectId, now, 1);
      const issued = await insertKey(tx, { projectId, name, environment, expiresAt: expiryDateFor(expiry, now), createdById: userId }, policy, now);
      await recordActivity(tx, {
        projectId,
        actorId: userId,
        action: "key.created",
        target: { type: "api_key", id: issued.id, label: issued.hint },
        ip,
        metadata: { name, environment, expiresAt: issued.expiresAt, ...(Object.keys(policy).length ? { policy: JSON.parse(JSON.stringify(policy)) } : {}) },
      });
      return issued;
    });
  });
}

/**
 * Revocation takes effect at once: no grace window. It returns only once every
 * running API instance has dropped the key from its cache. Revoking a revoked
 * key changes nothing.
 */
export async function revokeKey({ userId, ip, projectId, keyId }: Actor & { projectId: string; keyId: string }) {
  return transactionInvalidating(async (tx, invalidate, keepReceiptIn) => {
    const key = await findWritableKey(tx, { userId, projectId, keyId });
    if (key.revokedAt) return { id: key.id, revokedAt: key.revokedAt.toISOString() };
    const revokedAt = new Date();
    await tx.apiKey.update({ where: { id: key.id }, data: { revokedAt, revokedById: userId } });
    await invalidate({ keyId: key.id, projectId, reason: "key_revoked" });
    keepReceiptIn(await recordActivity(tx, {
      projectId,
      actorId: userId,
      action: "key.revoked",
      target: { type: "api_key", id: key.id, label: key.hint },
      ip,
      metadata: { name: key.name },
    }));
    return { id: key.id, revokedAt: revokedAt.toISOString() };
  });
}

/**
 * A new key with the same name, environment and lifetime, and an expiry on
 * the old one after the chosen overlap, in one transaction: a failure leaves
 * neither a half-made new key nor a shortened old one.
 */
export async function rotateKey({
  userId,
  ip,
  projectId,
  keyId,
  overlap,
  ...policy
}: Actor & KeyPolicyInput & { projectId: string; keyId: string; overlap: Overlap }) {
  // Returns once every API instance has dropped the old key's cached expiry, with the receipt.
  return transactionInvalidating(async (tx, invalidate, keepReceiptIn): Promise<IssuedKey & { oldKey: { id: string; expiresAt: string } }> => {
    await requireProjectAccess({ userId, projectId, permission: "keys:read" }, tx);
    // Two rotations of one key cannot both see it unrotated.
    await lockProject(tx, projectId);
    const key = await findWritableKey(tx, { userId, projectId, keyId });
    const now = new Date();
    if (key.revokedAt) throw new AppError("conflict", "This key is revoked and cannot be rotated. Create a new key instead.");
    if (key.expiresAt && key.expiresAt <= now) throw new AppError("conflict", "This key has expired and cannot be rotated. Create a new key instead.");
    if (key.rotatedTo) throw new AppError("conflict", "This key has already been rotated. Rotate its replacement instead.");
    if (key.environment === "sandbox") throw new AppError("invalid_request", "Sandbox keys cannot be rotated.");

    // During the overlap both keys work, so the new one needs room of its own.
    await assertRoomForKeys(tx, projectId, now, 1, overlap === "now" ? key.id : undefined);

    const requested = new Date(now.getTime() + OVERLAP_MS[overlap]);
    // Rotation never extends the old key's life.
    const oldExpiresAt = key.expiresAt && key.expiresAt < requested ? key.expiresAt : requested;
    await tx.apiKey.update({ where: { id: key.id }, data: { expiresAt: oldExpiresAt } });
    await invalidate({ keyId: key.id, projectId, reason: "key_rotated" });

    const lifetime = key.expiresAt ? key.expiresAt.getTime() - key.createdAt.getTime() : null;
    const issued = await insertKey(tx, {
      projectId,
      name: key.name,
      environment: key.environment,
      expiresAt: lifetime === null ? null : new Date(now.getTime() + lifetime),
      createdById: userId,
      rotatedFromId: key.id,
    }, rotatedPolicy(key, policy, now), now);
    keepReceiptIn(await recordActivity(tx, {
      projectId,
      actorId: userId,
      action: "key.rotated",
      target: { type: "api_key", id: key.id, label: key.hint },
      ip,
      metadata: { name: key.name, overlap, oldKeyExpiresAt: oldExpiresAt.toISOString(), newKeyId: issued.id, newKeyHint: issued.hint },
    }));
    return { ...issued, oldKey: { id: key.id, expiresAt: oldExpiresAt.toISOString() } };
  });
}
