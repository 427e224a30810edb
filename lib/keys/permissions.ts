import { db } from "../db";
import { AppError } from "../errors";
import { recordActivity } from "../activity/record";
import { requireProjectAccess } from "../projects/access";
import { lockProject } from "../projects/lock";
import { transactionInvalidating } from "./invalidate";
import { MAX_PROJECT_PERMISSIONS } from "./permission-grants";

type Actor = { userId: string; ip: string | null };

// A project's permission names (issue 17): the vocabulary its keys are
// granted from. Defining or removing one changes what the project's keys
// hold (a key with all permissions, a wildcard), so both drop the project's
// cached keys on every API instance before returning, with the receipt.

export type ProjectPermissionSummary = { name: string; description: string; createdAt: string };

export async function listProjectPermissions({ userId, projectId }: { userId: string; projectId: string }): Promise<ProjectPermissionSummary[]> {
  await requireProjectAccess({ userId, projectId, permission: "keys:read" });
  const rows = await db.projectPermission.findMany({ where: { projectId }, orderBy: { name: "asc" }, select: { name: true, description: true, createdAt: true } });
  return rows.map((row) => ({ ...row, createdAt: row.createdAt.toISOString() }));
}

export async function defineProjectPermission({ userId, ip, projectId, name, description }: Actor & { projectId: string; name: string; description: string }) {
  return transactionInvalidating(async (tx, invalidate, keepReceiptIn) => {
    await requireProjectAccess({ userId, projectId, permission: "project:update" }, tx);
    // Two concurrent definitions cannot both see 199 names and make 201.
    await lockProject(tx, projectId);
    if (await tx.projectPermission.findUnique({ where: { projectId_name: { projectId, name } }, select: { id: true } })) {
      throw new AppError("conflict", `This project already has a permission named ${name}.`);
    }
    if ((await tx.projectPermission.count({ where: { projectId } })) >= MAX_PROJECT_PERMISSIONS) {
      throw new AppError("limit_reached", `A project has at most ${MAX_PROJECT_PERMISSIONS} permissions. Remove one you no longer use first.`);
    }
    await tx.projectPermission.create({ data: { projectId, name, description } });
    await invalidate({ projectId, reason: "permissions_changed" });
    keepReceiptIn(await recordActivity(tx, { projectId, actorId: userId, action: "permission.defined", target: { type: "permission", id: name, label: name }, ip, metadata: { description } }));
    return { name, description };
  });
}

/** Every key loses the name at once, including keys that were granted it by name (their grant is removed too). */
export async function removeProjectPermission({ userId, ip, projectId, permission: name }: Actor & { projectId: string; permission: string }) {
  return transactionInvalidating(async (tx, invalidate, keepReceiptIn) => {
    await requireProjectAccess({ userId, projectId, permission: "project:update" }, tx);
    await lockProject(tx, projectId);
    const { count } = await tx.projectPermission.deleteMany({ where: { projectId, name } });
    if (count === 0) throw new AppError("not_found", `This project has no permission named ${name}.`);
    await tx.$executeRaw`UPDATE api_keys SET permissions = array_remove(permissions, ${name}) WHERE project_id = ${projectId} AND ${name} = ANY(permissions)`;
    await invalidate({ projectId, reason: "permissions_changed" });
    keepReceiptIn(await recordActivity(tx, { projectId, actorId: userId, action: "permission.removed", target: { type: "permission", id: name, label: name }, ip }));
    return { name };
  });
}
