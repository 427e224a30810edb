import type { Role } from "@prisma/client";
import { db } from "../db";
import { requireProjectAccess } from "../projects/access";
import { assignableRoles, can, canAssignRole, ROLE_LABELS } from "../projects/roles";

/** An action on a row, as the page offers it: allowed, or shown disabled with the reason. */
export type RowAction = { allowed: true } | { allowed: false; reason: string };

export type MemberSummary = {
  id: string;
  name: string | null;
  email: string | null;
  role: Role;
  /** Where the role comes from: an invitation (or creating the project), a linked group, or both. */
  sources: { invited: Role | null; group: { role: Role; path: string } | null };
  joinedAt: string;
  lastActiveAt: string | null;
  isYou: boolean;
  actions: { changeRole: RowAction; remove: RowAction; transfer: RowAction };
};

export type InvitationSummary = {
  id: string;
  email: string;
  role: Role;
  invitedBy: string | null;
  createdAt: string;
  expiresAt: string;
  expired: boolean;
  /** Revoke and re-issue: owner invitations are an owner's to manage. */
  manageable: RowAction;
};

export type GroupLinkSummary = { id: string; groupPath: string; role: Role; createdBy: string | null; createdAt: string; members: number; manageable: RowAction };

export type Team = {
  you: { role: Role; canManage: boolean; assignableRoles: Role[]; leave: RowAction };
  members: MemberSummary[];
  invitations: InvitationSummary[];
  groupLinks: GroupLinkSummary[];
};

const ALLOWED: RowAction = { allowed: true };
const refused = (reason: string): RowAction => ({ allowed: false, reason });

const MANAGE_REASON = "Only owners and admins can manage members.";

/**
 * The members page's data, with what the reader may do to each row computed
 * here from the role table: the page only reads it (the server checks again).
 */
export async function getTeam({ userId, projectId }: { userId: string; projectId: string }): Promise<Team> {
  const { role } = await requireProjectAccess({ userId, projectId, permission: "members:read" });
  const now = new Date();
  const [memberships, invitations, links] = await Promise.all([
    db.membership.findMany({
      where: { projectId },
      include: { user: { select: { name: true, email: true } } },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    }),
    db.invitation.findMany({
      where: { projectId, acceptedAt: null, declinedAt: null, revokedAt: null },
      include: { invitedBy: { select: { name: true, email: true } } },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    }),
    db.groupLink.findMany({ where: { projectId }, include: { createdBy: { select: { name: true, email: true } } }, orderBy: { groupPath: "asc" } }),
  ]);
  const owners = memberships.filter((m) => m.role === "owner").length;
  const canManage = can(role, "members:manage");
  const self = memberships.find((m) => m.userId === userId);

  const lastOwner = "A project must keep at least one owner.";
  const memberActions = (m: (typeof memberships)[number]): MemberSummary["actions"] => {
    const isYou = m.userId === userId;
    const onlyOwner = m.role === "owner" && owners === 1;
    const managed = !canManage ? refused(MANAGE_REASON) : canAssignRole(role, m.role, null) ? ALLOWED : refused("Only owners can change an owner.");
    return {
      changeRole: !managed.allowed ? managed : onlyOwner ? refused(`${lastOwner} Make another member an owner first.`) : ALLOWED,
      remove: isYou
        ? refused("Use Leave project to remove yourself.")
        : !managed.allowed
          ? managed
          : m.groupRole
            ? refused(`Their role comes from the group ${m.groupPath}: unlink it or remove them from it in Keycloak.`)
            : ALLOWED,
      transfer: !can(role, "owners:manage")
        ? refused("Only owners can transfer ownership.")
        : isYou
          ? refused("You already own this project.")
          : m.role === "owner"
            ? refused("Already an owner.")
            : ALLOWED,
    };
  };

  return {
    you: {
      role,
      canManage,
      assignableRoles: assignableRoles(role),
      leave:
        self?.role === "owner" && owners === 1
          ? refused("You are the only owner: make another member an owner, or transfer ownership, before you leave.")
          : self?.groupRole
            ? refused(`You are a member through the group ${self.groupPath}; ask to be removed from it in Keycloak.`)
            : ALLOWED,
    },
    members: memberships.map((m) => ({
      id: m.id,
      name: m.user.name,
      email: m.user.email,
      role: m.role,
      sources: { invited: m.directRole, group: m.groupRole && m.groupPath ? { role: m.groupRole, path: m.groupPath } : null },
      joinedAt: m.createdAt.toISOString(),
      lastActiveAt: m.lastActiveAt?.toISOString() ?? null,
      isYou: m.userId === userId,
      actions: memberActions(m),
    })),
    invitations: invitations.map((i) => ({
      id: i.id,
      email: i.email,
      role: i.role,
      invitedBy: i.invitedBy?.name ?? i.invitedBy?.email ?? null,
      createdAt: i.createdAt.toISOString(),
      expiresAt: i.expiresAt.toISOString(),
      expired: i.expiresAt <= now,
      manageable: !canManage ? refused(MANAGE_REASON) : canAssignRole(role, i.role, null) ? ALLOWED : refused(`Only owners can manage ${ROLE_LABELS.owner.toLowerCase()} invitations.`),
    })),
    groupLinks: links.map((l) => ({
      id: l.id,
      groupPath: l.groupPath,
      role: l.role,
      createdBy: l.createdBy?.name ?? l.createdBy?.email ?? null,
      createdAt: l.createdAt.toISOString(),
      members: memberships.filter((m) => m.groupPath === l.groupPath).length,
      manageable: canManage ? ALLOWED : refused(MANAGE_REASON),
    })),
  };
}


