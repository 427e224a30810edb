import type { Membership, Role } from "@prisma/client";
import { db, type Tx } from "../db";
import { AppError } from "../errors";
import { recordActivity } from "../activity/record";
import { requireProjectAccess } from "../projects/access";
import { lockProject } from "../projects/lock";
import { canAssignRole, isStronger, ROLE_LABELS, strongerRole } from "../projects/roles";
import { isRowId } from "../row-id";

type Actor = { userId: string; ip: string | null };
type MemberRow = Membership & { user: { name: string | null; email: string | null } };

export const LAST_OWNER_MESSAGE = "A project must keep at least one owner. Make another member an owner first, or transfer ownership.";

const labelOf = (member: MemberRow) => member.user.name ?? member.user.email ?? "This member";

async function findMember(tx: Tx, projectId: string, memberId: string): Promise<MemberRow> {
  if (!isRowId(memberId)) throw new AppError("not_found");
  // Locked: a group sign-in of the same person cannot change it meanwhile.
  await tx.$queryRaw`SELECT id FROM memberships WHERE id = ${memberId} AND project_id = ${projectId} FOR UPDATE`;
  const member = await tx.membership.findFirst({ where: { id: memberId, projectId }, include: { user: { select: { name: true, email: true } } } });
  if (!member) throw new AppError("not_found", "That person is no longer a member of this project.");
  return member;
}

/** Run under lockProject: owners cannot be added or removed meanwhile. */
async function isOnlyOwner(tx: Tx, projectId: string, member: Membership) {
  if (member.role !== "owner") return false;
  return (await tx.membership.count({ where: { projectId, role: "owner" } })) === 1;
}

function refuseWhileGroupGrants(member: MemberRow, what: string) {
  if (member.groupRole) {
    throw new AppError(
      "conflict",
      `${labelOf(member)} is a ${ROLE_LABELS[member.groupRole]} through the group ${member.groupPath}, so ${what}. Unlink the group, or remove them from it in Keycloak.`,
    );
  }
}

const activityTarget = (member: MemberRow) => ({ type: "user", id: member.userId, label: labelOf(member) });

/** Sets a member's directly granted role; their effective role is the stronger of it and any group's. */
export async function changeMemberRole({ userId, ip, projectId, memberId, role }: Actor & { projectId: string; memberId: string; role: Role }) {
  return db.$transaction(async (tx) => {
    const { role: actorRole } = await requireProjectAccess({ userId, projectId, permission: "members:manage" }, tx);
    await lockProject(tx, projectId);
    const member = await findMember(tx, projectId, memberId);
    if (!canAssignRole(actorRole, member.role, role)) {
      throw new AppError("forbidden", "Only owners can change an owner's role or make someone an owner.");
    }
    if (member.role === role && member.directRole === role) return { id: member.id, role };
    if (role !== "owner" && (await isOnlyOwner(tx, projectId, member))) throw new AppError("conflict", LAST_OWNER_MESSAGE);
    if (member.groupRole && isStronger(member.groupRole, role)) {
      throw new AppError(
        "conflict",
        `The group ${member.groupPath} makes ${labelOf(member)} a ${ROLE_LABELS[member.groupRole]}, which is more than ${ROLE_LABELS[role]}. Unlink the group, or remove them from it in Keycloak.`,
      );
    }
    const effective = strongerRole(role, member.groupRole)!;
    await tx.membership.update({ where: { id: member.id }, data: { directRole: role, role: effective } });
    await recordActivity(tx, {
      projectId,
      actorId: userId,
      action: "member.role_changed",
      target: activityTarget(member),
      ip,
      metadata: { from: member.role, to: effective },
    });
    return { id: member.id, role: effective };
  });
}

/** Removes a member: their very next request no longer finds the project. */
export async function removeMember({ userId, ip, projectId, memberId }: Actor & { projectId: string; memberId: string }) {
  return db.$transaction(async (tx) => {
    const { role: actorRole } = await requireProjectAccess({ userId, projectId, permission: "members:manage" }, tx);
    await lockProject(tx, projectId);
    const member = await findMember(tx, projectId, memberId);
    if (member.userId === userId) throw new AppError("conflict", "To remove yourself, use Leave project.");
    if (!canAssignRole(actorRole, member.role, null)) throw new AppError("forbidden", "Only owners can remove an owner.");
    if (await isOnlyOwner(tx, projectId, member)) throw new AppError("conflict", LAST_OWNER_MESSAGE);
    refuseWhileGroupGrants(member, "removing them here would not last");
    await tx.membership.delete({ where: { id: member.id } });
    await recordActivity(tx, {
      projectId,
      actorId: userId,
      action: "member.removed",
      target: activityTarget(member),
      ip,
      metadata: { role: member.role },
    });
    return { id: member.id };
  });
}

export async function leaveProject({ userId, ip, projectId }: Actor & { projectId: string }) {
  return db.$transaction(async (tx) => {
    await requireProjectAccess({ userId, projectId, permission: "project:read" }, tx);
    await lockProject(tx, projectId);
    const self = await tx.membership.findUniqueOrThrow({ where: { projectId_userId: { projectId, userId } }, select: { id: true } });
    const member = await findMember(tx, projectId, self.id);
    if (await isOnlyOwner(tx, projectId, member)) {
      throw new AppError("conflict", "You are this project's only owner. Make another member an owner, or transfer ownership, before you leave.");
    }
    refuseWhileGroupGrants(member, "you would be added back at your next sign-in");
    await tx.membership.delete({ where: { id: member.id } });
    await recordActivity(tx, { projectId, actorId: userId, action: "member.left", target: activityTarget(member), ip, metadata: { role: member.role } });
    return { left: true as const };
  });
}

/** Makes another member the owner; the current owner stays on as an admin. */
export async function transferOwnership({ userId, ip, projectId, memberId }: Actor & { projectId: string; memberId: string }) {
  return db.$transaction(async (tx) => {
    await requireProjectAccess({ userId, projectId, permission: "owners:manage" }, tx);
    await lockProject(tx, projectId);
    const member = await findMember(tx, projectId, memberId);
    if (member.userId === userId) throw new AppError("conflict", "You already own this project. Choose another member.");
    const self = await tx.membership.findUniqueOrThrow({ where: { projectId_userId: { projectId, userId } } });
    await tx.membership.update({ where: { id: member.id }, data: { directRole: "owner", role: "owner" } });
    await tx.membership.update({ where: { id: self.id }, data: { directRole: "admin", role: strongerRole("admin", self.groupRole)! } });
    await recordActivity(tx, {
      projectId,
      actorId: userId,
      action: "ownership.transferred",
      target: activityTarget(member),
      ip,
      metadata: { from: userId, to: member.userId, previousRole: member.role },
    });
    return { id: member.id, role: "owner" as const };
  });
}
