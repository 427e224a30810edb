import type { Tx } from "../db";
import { AppError } from "../errors";
import { requireProjectAccess } from "../projects/access";
import { canWriteKey } from "../projects/roles";
import { isRowId } from "../row-id";

/**
 * A key of the project that the actor may change: members who may not (a
 * viewer; a developer and someone else's live key) get `forbidden`.
 */
export async function findWritableKey(tx: Tx, { userId, projectId, keyId }: { userId: string; projectId: string; keyId: string }) {
  const { role } = await requireProjectAccess({ userId, projectId, permission: "keys:read" }, tx);
  // The project id is in the where: a key of another project is "not found".
  if (!isRowId(keyId)) throw new AppError("not_found");
  const key = await tx.apiKey.findFirst({ where: { id: keyId, projectId }, include: { rotatedTo: { select: { id: true } } } });
  if (!key) throw new AppError("not_found");
  if (!canWriteKey(role, key, userId)) {
    throw new AppError("forbidden", key.environment === "live" && role === "developer"
      ? "Developers can change only the live keys they created. Ask an admin or owner."
      : undefined);
  }
  return key;
}
