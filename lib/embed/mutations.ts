import { db, type Tx } from "../db";
import { env } from "../env";
import { AppError } from "../errors";
import { recordActivity } from "../activity/record";
import { transactionInvalidating, type CacheChange, type ReceiptTarget } from "../keys/invalidate";
import { OVERLAP_MS, type Overlap } from "../keys/schemas";
import { requireProjectAccess } from "../projects/access";
import { lockProject } from "../projects/lock";
import { repeatable, type ResultShape } from "../idempotency/repeatable";
import type { InvalidationReceipt } from "../keys/receipt";
import { generatePublishableKey, generateSigningSecret, signingSecretHint } from "./format";
import { sealSecret } from "./secret-box";
import { liveSecretWhere, readEmbedSettings, type EmbedSettings } from "./settings";

type Actor = { userId: string; ip: string | null };

/** A signing secret as created: the only time its plaintext leaves the server. */
export type IssuedSecret = { id: string; hint: string; plaintext: string };

export type EmbedChange = { settings: EmbedSettings; secret: IssuedSecret | null };

async function insertSecret(tx: Tx, projectId: string, createdById: string): Promise<IssuedSecret> {
  const plaintext = generateSigningSecret(env().KEY_PREFIX);
  const hint = signingSecretHint(plaintext);
  // The row's id is part of the sealed value's associated data, so the row
  // comes first and its sealed value second, in the same transaction.
  const row = await tx.embedSigningSecret.create({ data: { projectId, sealed: "", hint, createdById }, select: { id: true } });
  await tx.embedSigningSecret.update({
    where: { id: row.id },
    data: { sealed: sealSecret(plaintext, env().EMBED_ENCRYPTION_KEY, { projectId, secretId: row.id }) },
  });
  return { id: row.id, hint, plaintext };
}

type EmbedSwitched = EmbedChange & { receipt: InvalidationReceipt | null };

/** The signing secret, when a switch-on issued one, is the one-time part. */
const EMBED_SWITCHED: ResultShape<EmbedSwitched> = {
  secretOf: (value) => value.secret?.plaintext ?? null,
  withoutSecret: ({ secret, ...rest }) => ({ ...rest, secret: secret && { id: secret.id, hint: secret.hint } }),
  withSecret: (kept, plaintext) => {
    const { secret, ...rest } = kept as Omit<EmbedSwitched, "secret"> & { secret: Omit<IssuedSecret, "plaintext"> | null };
    return { ...rest, secret: secret && plaintext !== null ? { ...secret, plaintext } : null };
  },
  alreadyCreated:
    "Embed mode was already turned on by this request, and you confirmed you had copied its signing secret, so it is not shown again. Rotate the secret if you did not keep it.",
};

/**
 * Turns embed mode on or off. The first time it is turned on the project gets
 * its publishable key and signing secret (returned once); turning it off keeps
 * both, and the origins, for later. Returns only when every API instance has
 * dropped the project's cached keys, whose answers carry `embed_enabled`. A
 * repeat of the request (its idempotency key) gets the first answer, with
 * the same signing secret until the user confirmed copying it.
 */
export async function setEmbedEnabled({
  userId,
  ip,
  projectId,
  enabled,
  idempotencyKey,
}: Actor & { projectId: string; enabled: boolean; idempotencyKey?: string }): Promise<EmbedSwitched> {
  const request = repeatable(EMBED_SWITCHED, { action: "setEmbedEnabled", userId, idempotencyKey, input: { projectId, enabled } });
  const switched = await transactionInvalidating(async (tx, invalidate, keepReceiptIn) => {
    await requireProjectAccess({ userId, projectId, permission: "embed:write" }, tx);
    const earlier = await request.claim(tx);
    if (earlier) return { earlier };
    const change = await switchEmbed(tx, { userId, ip, projectId, enabled }, invalidate, keepReceiptIn);
    // Completed after the commit with the invalidation's receipt, which a repeat waits for.
    await request.keep(tx, { ...change, receipt: null }, { finished: false });
    return change;
  });
  if ("earlier" in switched) return request.replay(switched.earlier);
  await request.finish(switched);
  return switched;
}

async function switchEmbed(
  tx: Tx,
  { userId, ip, projectId, enabled }: Actor & { projectId: string; enabled: boolean },
  invalidate: (change: CacheChange) => Promise<void>,
  keepReceiptIn: ReceiptTarget,
): Promise<EmbedChange> {
  // Two concurrent first switches must not make two publishable keys.
  await lockProject(tx, projectId);
  const project = await tx.project.findUniqueOrThrow({ where: { id: projectId } });
  if (project.embedEnabled === enabled) return { settings: await readEmbedSettings(tx, projectId), secret: null };

  let secret: IssuedSecret | null = null;
  let publishableKey = project.publishableKey;
  if (enabled && !publishableKey) {
    publishableKey = generatePublishableKey(env().KEY_PREFIX);
    secret = await insertSecret(tx, projectId, userId);
  }
  await tx.project.update({ where: { id: projectId }, data: { embedEnabled: enabled, publishableKey } });
  await invalidate({ projectId, reason: "embed_changed" });
  keepReceiptIn(await recordActivity(tx, {
    projectId,
    actorId: userId,
    action: enabled ? "embed.enabled" : "embed.disabled",
    target: { type: "project", id: projectId, label: project.name },
    ip,
    metadata: { publishableKey, ...(secret ? { signingSecretHint: secret.hint } : {}) },
  }));
  return { settings: await readEmbedSettings(tx, projectId), secret };
}

/** Replaces the allowed origins (already validated and normalised by the schema). */
export async function updateEmbedOrigins({ userId, ip, projectId, origins }: Actor & { projectId: string; origins: string[] }): Promise<EmbedSettings> {
  return db.$transaction(async (tx) => {
    await requireProjectAccess({ userId, projectId, permission: "embed:write" }, tx);
    const project = await tx.project.findUniqueOrThrow({ where: { id: projectId }, select: { embedOrigins: true, name: true } });
    const before = project.embedOrigins;
    const added = origins.filter((o) => !before.includes(o));
    const removed = before.filter((o) => !origins.includes(o));
    if (added.length || removed.length) {
      await tx.project.update({ where: { id: projectId }, data: { embedOrigins: origins } });
      await recordActivity(tx, {
        projectId,
        actorId: userId,
        action: "embed.origins_updated",
        target: { type: "project", id: projectId, label: project.name },
        ip,
        metadata: { origins, added, removed },
      });
    }
    return readEmbedSettings(tx, projectId);
  });
}

/**
 * A new signing secret now; the current one keeps verifying session tokens
 * for the chosen overlap (never longer than it already had). Secrets whose
 * overlap has ended are deleted. "now" ends every secret, those still in an
 * earlier rotation's overlap included, and every open widget (the embed
 * cookies' generation moves).
 */
export async function rotateEmbedSecret({ userId, ip, projectId, overlap }: Actor & { projectId: string; overlap: Overlap }): Promise<EmbedChange> {
  return db.$transaction(async (tx) => {
    await requireProjectAccess({ userId, projectId, permission: "embed:write" }, tx);
    await lockProject(tx, projectId);
    const project = await tx.project.findUniqueOrThrow({ where: { id: projectId }, select: { publishableKey: true, name: true } });
    if (!project.publishableKey) throw new AppError("conflict", "Turn embed mode on first: it creates the project's first signing secret.");
    const now = new Date();
    const oldExpiresAt = new Date(now.getTime() + OVERLAP_MS[overlap]);
    const ending = overlap === "now" ? liveSecretWhere(now) : { expiresAt: null };
    const current = await tx.embedSigningSecret.findMany({ where: { projectId, ...ending }, select: { hint: true } });
    await tx.embedSigningSecret.updateMany({ where: { projectId, ...ending }, data: { expiresAt: oldExpiresAt } });
    await tx.embedSigningSecret.deleteMany({ where: { projectId, expiresAt: { lte: now } } });
    if (overlap === "now") await bumpSecretGeneration(tx, projectId);
    const secret = await insertSecret(tx, projectId, userId);
    await recordActivity(tx, {
      projectId,
      actorId: userId,
      action: "embed.secret_rotated",
      target: { type: "project", id: projectId, label: project.name },
      ip,
      metadata: { overlap, oldSecretHints: current.map((s) => s.hint), oldSecretExpiresAt: oldExpiresAt.toISOString(), newSecretHint: secret.hint },
    });
    return { settings: await readEmbedSettings(tx, projectId, now), secret };
  });
}

/** Ends every embed cookie of the project at its next request (lib/embed/embed-page.ts compares). */
function bumpSecretGeneration(tx: Tx, projectId: string) {
  return tx.project.update({ where: { id: projectId }, data: { embedSecretGeneration: { increment: 1 } }, select: { id: true } });
}

/**
 * "Revoke all signing secrets now", for a leaked secret: every secret is
 * deleted (no token signed with one verifies any more, no new session can be
 * issued) and every open widget ends at its next request. Rotating then
 * creates a new secret.
 */
export async function revokeEmbedSecrets({ userId, ip, projectId }: Actor & { projectId: string }): Promise<EmbedSettings> {
  return db.$transaction(async (tx) => {
    await requireProjectAccess({ userId, projectId, permission: "embed:write" }, tx);
    await lockProject(tx, projectId);
    const project = await tx.project.findUniqueOrThrow({ where: { id: projectId }, select: { publishableKey: true, name: true } });
    if (!project.publishableKey) throw new AppError("conflict", "Embed mode has never been turned on: there are no signing secrets to revoke.");
    const revoked = await tx.embedSigningSecret.findMany({ where: { projectId, ...liveSecretWhere(new Date()) }, select: { hint: true } });
    await tx.embedSigningSecret.deleteMany({ where: { projectId } });
    await bumpSecretGeneration(tx, projectId);
    await recordActivity(tx, {
      projectId,
      actorId: userId,
      action: "embed.secrets_revoked",
      target: { type: "project", id: projectId, label: project.name },
      ip,
      metadata: { revokedSecretHints: revoked.map((s) => s.hint) },
    });
    return readEmbedSettings(tx, projectId);
  });
}
