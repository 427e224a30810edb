import { db } from "../db";
import { AppError } from "../errors";
import { requireProjectAccess } from "../projects/access";
import { isRowId } from "../row-id";
import { summarySelect, toKeySummary, type KeySummary } from "./queries";

/**
 * One key of a project, as its page shows it. The key is looked up with the
 * project in the `where`: another project's key and an unknown id are the
 * same `not_found`.
 */
export async function getKey({ userId, projectId, keyId }: { userId: string; projectId: string; keyId: string }): Promise<KeySummary> {
  const { role } = await requireProjectAccess({ userId, projectId, permission: "keys:read" });
  if (!isRowId(keyId)) throw new AppError("not_found");
  const row = await db.apiKey.findFirst({ where: { id: keyId, projectId }, select: summarySelect });
  if (!row) throw new AppError("not_found");
  return toKeySummary(row, { role, userId, now: new Date() });
}
