import type { Role } from "@prisma/client";
import { decodeJwt } from "jose";
import { db, type Tx } from "../db";
import { recordActivity } from "../activity/record";
import { strongerRole } from "../projects/roles";

type Grant = { role: Role; groupPath: string };

/**
 * The groups an id token names (Keycloak's "Group Membership" mapper, full
 * paths). A token without the claim names none: the mapper is off, or the
 * user is in no group. next-auth has checked the token's signature.
 */
export function groupsFromIdToken(idToken: string | null | undefined): string[] {
  if (!idToken) return [];
  const claim = decodeJwt(idToken).groups;
  if (!Array.isArray(claim)) return [];
  return [...new Set(claim.filter((group): group is string => typeof group === "string" && group.startsWith("/")))].sort();
}

/** The strongest linked group's role per project, for a user in `groups`. */
async function grantsFor(tx: Tx, groups: readonly string[]): Promise<Map<string, Grant>> {
  const links = groups.length
    ? await tx.groupLink.findMany({ where: { groupPath: { in: [...groups] } }, orderBy: { groupPath: "asc" } })
    : [];
  const grants = new Map<string, Grant>();
  for (const link of links) {
    const held = grants.get(link.projectId);
    if (!held || strongerRole(held.role, link.role) !== held.role) grants.set(link.projectId, { role: link.role, groupPath: link.groupPath });
  }
  return grants;
}

/**
 * Brings what groups grant a user in line with the groups they are in:
 * joining a linked group grants its role, leaving it takes away what the
 * group granted, and a role granted directly (an invitation) is never
 * touched. Each change is in the project's activity log, by no one.
 */
export async function applyGroupLinks(tx: Tx, userId: string, groups: readonly string[]): Promise<void> {
  // Serialises with role changes and with another sign-in of the same user.
  await tx.$queryRaw`SELECT id FROM memberships WHERE user_id = ${userId} FOR UPDATE`;
  const grants = await grantsFor(tx, groups);
  const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { name: true, email: true } });
  const target = { type: "user", id: userId, label: user.name ?? user.email ?? userId };
  const memberships = await tx.membership.findMany({
    where: { userId, OR: [{ groupRole: { not: null } }, { projectId: { in: [...grants.keys()] } }] },
  });
  const log = (projectId: string, action: string, metadata: Record<string, string | null>) =>
    recordActivity(tx, { projectId, actorId: null, action, target, ip: null, metadata: { source: "group", ...metadata } });

  for (const membership of memberships) {
    const grant = grants.get(membership.projectId) ?? null;
    grants.delete(membership.projectId);
    if (membership.groupRole === (grant?.role ?? null) && membership.groupPath === (grant?.groupPath ?? null)) continue;
    const role = strongerRole(membership.directRole, grant?.role ?? null);
    if (!role) {
      await tx.membership.delete({ where: { id: membership.id } });
      await log(membership.projectId, "member.removed", { groupPath: membership.groupPath, from: membership.role });
      continue;
    }
    await tx.membership.update({
      where: { id: membership.id },
      data: { role, groupRole: grant?.role ?? null, groupPath: grant?.groupPath ?? null },
    });
    if (role !== membership.role) {
      await log(membership.projectId, "member.role_changed", { groupPath: grant?.groupPath ?? membership.groupPath, from: membership.role, to: role });
    }
  }
  for (const [projectId, grant] of grants) {
    await tx.membership.create({ data: { projectId, userId, role: grant.role, groupRole: grant.role, groupPath: grant.groupPath } });
    await log(projectId, "member.joined", { groupPath: grant.groupPath, role: grant.role });
  }
}

/** At sign-in: remember the user's groups and apply every project's links to them. */
export async function syncSignInGroups(userId: string, groups: readonly string[]): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { idpGroups: [...groups] } });
    await applyGroupLinks(tx, userId, groups);
  });
}

/**
 * After a project links or unlinks a group: applies the links again for the
 * users that change could concern, from the groups of their last sign-in.
 */
export async function reapplyGroupLinks(tx: Tx, projectId: string, groupPath: string): Promise<void> {
  const users = await tx.user.findMany({
    where: { OR: [{ idpGroups: { has: groupPath } }, { memberships: { some: { projectId, groupPath } } }] },
    select: { id: true, idpGroups: true },
    orderBy: { id: "asc" },
  });
  for (const user of users) await applyGroupLinks(tx, user.id, user.idpGroups);
}
