import { db } from "../db";
import { env } from "../env";
import { AppError } from "../errors";
import { recordActivity } from "../activity/record";
import { openValue } from "../embed/secret-box";
import { requireProjectAccess } from "../projects/access";
import { can } from "../projects/roles";
import { replacementSealContext } from "./leaks";

type Actor = { userId: string; ip: string | null };

/** A replacement key waiting to be revealed: never its secret. */
export type PendingReplacement = { id: string; keyId: string; keyName: string; keyHint: string; createdAt: string };

/** The replacements an owner or admin opening the project is told about; nothing for other roles. */
export async function pendingReplacements({ userId, projectId }: { userId: string; projectId: string }): Promise<PendingReplacement[]> {
  const { role } = await requireProjectAccess({ userId, projectId, permission: "project:read" });
  if (!can(role, "keys:leak-policy")) return [];
  const rows = await db.leakReplacement.findMany({ where: { projectId }, orderBy: { createdAt: "asc" }, select: { id: true, keyId: true, createdAt: true } });
  if (!rows.length) return [];
  const keys = await db.apiKey.findMany({ where: { projectId, id: { in: rows.map((r) => r.keyId) } }, select: { id: true, name: true, hint: true } });
  const byId = new Map(keys.map((k) => [k.id, k]));
  return rows.flatMap((row) => {
    const key = byId.get(row.keyId);
    return key ? [{ id: row.id, keyId: key.id, keyName: key.name, keyHint: key.hint, createdAt: row.createdAt.toISOString() }] : [];
  });
}

/**
 * The replacement's plaintext, once: the row is deleted in the same
 * transaction that reads it, so of two admins who reveal at once, one gets
 * it and the other is told it was already shown.
 */
export async function revealLeakReplacement({ userId, ip, projectId, replacementId }: Actor & { projectId: string; replacementId: string }) {
  return db.$transaction(async (tx) => {
    await requireProjectAccess({ userId, projectId, permission: "keys:leak-policy" }, tx);
    const rows = await tx.$queryRaw<{ key_id: string; sealed: string }[]>`
      DELETE FROM leak_replacements WHERE id = ${replacementId} AND project_id = ${projectId} RETURNING key_id, sealed`;
    const row = rows[0];
    if (!row) throw new AppError("already_created", "This replacement key was already shown to someone else, and is not shown again. If nobody kept it, rotate or revoke it.");
    const key = await tx.apiKey.findFirstOrThrow({ where: { id: row.key_id, projectId }, select: { id: true, name: true, hint: true, environment: true } });
    const plaintext = openValue(row.sealed, env().EMBED_ENCRYPTION_KEY, replacementSealContext(projectId, key.id));
    await recordActivity(tx, {
      projectId,
      actorId: userId,
      action: "key.replacement_revealed",
      target: { type: "api_key", id: key.id, label: key.hint },
      ip,
      metadata: { name: key.name },
    });
    return { id: key.id, name: key.name, hint: key.hint, environment: key.environment, plaintext };
  });
}
