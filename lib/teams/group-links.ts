import type { Role } from "@prisma/client";
import { db } from "../db";
import { AppError } from "../errors";
import { recordActivity } from "../activity/record";
import { requireProjectAccess } from "../projects/access";
import { lockProject } from "../projects/lock";
import { canAssignRole, ROLE_LABELS } from "../projects/roles";
import { isRowId } from "../row-id";
import { reapplyGroupLinks } from "./group-grants";

type Actor = { userId: string; ip: string | null };

export const MAX_GROUP_LINKS = 50;

/**
 * "Members of this group get this role." Applied at once to the people whose
 * last sign-in put them in the group, and to everyone else at their next one.
 */
export async function linkGroup({ userId, ip, projectId, groupPath, role }: Actor & { projectId: string; groupPath: string; role: Role }) {
  return db.$transaction(async (tx) => {
    const { role: actorRole } = await requireProjectAccess({ userId, projectId, permission: "members:manage" }, tx);
    if (!canAssignRole(actorRole, null, role)) throw new AppError("forbidden", `Your role (${ROLE_LABELS[actorRole]}) cannot grant ${ROLE_LABELS[role]}.`);
    await lockProject(tx, projectId);
    const existing = await tx.groupLink.findUnique({ where: { projectId_groupPath: { projectId, groupPath } } });
    if (existing) throw new AppError("conflict", `${groupPath} is already linked (as ${ROLE_LABELS[existing.role]}). Unlink it first to change its role.`);
    if ((await tx.groupLink.count({ where: { projectId } })) >= MAX_GROUP_LINKS) {
      throw new AppError("limit_reached", `A project can link at most ${MAX_GROUP_LINKS} groups.`);
    }
    const link = await tx.groupLink.create({ data: { projectId, groupPath, role, createdById: userId } });
    await recordActivity(tx, {
      projectId,
      actorId: userId,
      action: "group.linked",
      target: { type: "group", id: link.id, label: groupPath },
      ip,
      metadata: { groupPath, role },
    });
    await reapplyGroupLinks(tx, projectId, groupPath);
    return { id: link.id, groupPath, role };
  });
}

/** Takes back what the group granted, at once; roles granted by invitation stay. */
export async function unlinkGroup({ userId, ip, projectId, linkId }: Actor & { projectId: string; linkId: string }) {
  return db.$transaction(async (tx) => {
    const { role: actorRole } = await requireProjectAccess({ userId, projectId, permission: "members:manage" }, tx);
    await lockProject(tx, projectId);
    if (!isRowId(linkId)) throw new AppError("not_found");
    const link = await tx.groupLink.findFirst({ where: { id: linkId, projectId } });
    if (!link) throw new AppError("not_found", "That group is no longer linked.");
    if (!canAssignRole(actorRole, link.role, null)) throw new AppError("forbidden");
    await tx.groupLink.delete({ where: { id: link.id } });
    await recordActivity(tx, {
      projectId,
      actorId: userId,
      action: "group.unlinked",
      target: { type: "group", id: link.id, label: link.groupPath },
      ip,
      metadata: { groupPath: link.groupPath, role: link.role },
    });
    await reapplyGroupLinks(tx, projectId, link.groupPath);
    return { id: link.id };
  });
}
