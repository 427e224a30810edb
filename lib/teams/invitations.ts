import { randomBytes } from "node:crypto";
import type { Invitation, Role } from "@prisma/client";
import { db, type Tx } from "../db";
import { env } from "../env";
import { AppError } from "../errors";
import { recordActivity } from "../activity/record";
import { hashKey } from "../keys/format";
import { requireProjectAccess } from "../projects/access";
import { lockProject } from "../projects/lock";
import { canAssignRole, ROLE_LABELS, strongerRole } from "../projects/roles";
import { isRowId } from "../row-id";
import { sendInvitationEmail } from "../email/invitation-email";
import { repeatable, secretInField } from "../idempotency/repeatable";

type Actor = { userId: string; ip: string | null };

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;
/** Open invitations a project may have at once: beyond this, someone is spamming addresses. */
export const MAX_OPEN_INVITATIONS = 100;

/** The link that carries a token; the token leaves the server only inside it. */
export function invitationLink(token: string): string {
  return `${env().NEXTAUTH_URL.replace(/\/+$/, "")}/invitations/${token}`;
}

function newToken() {
  const token = randomBytes(32).toString("base64url");
  return { token, tokenHash: hashKey(token) };
}

export type IssuedInvitation = {
  id: string;
  email: string;
  role: Role;
  expiresAt: string;
  /** Shown once to the inviter, with a Copy button. */
  link: string;
  /** Whether the link was also emailed (only when SMTP_URL is set). */
  emailed: boolean;
  /** Why it was not emailed, for the inviter: not configured, or the mail server refused. */
  emailProblem: string | null;
};

const isOpen = (invitation: Pick<Invitation, "acceptedAt" | "declinedAt" | "revokedAt">) =>
  !invitation.acceptedAt && !invitation.declinedAt && !invitation.revokedAt;

function refuseRole(actorRole: Role, role: Role) {
  if (!canAssignRole(actorRole, null, role)) {
    throw new AppError("forbidden", `Your role (${ROLE_LABELS[actorRole]}) cannot invite ${ROLE_LABELS[role].toLowerCase()}s: only owners can make owners.`);
  }
}

async function emailLink(invitation: { email: string; role: Role; expiresAt: Date }, link: string, project: { name: string }, inviter: { name: string | null; email: string | null }) {
  const result = await sendInvitationEmail({
    to: invitation.email,
    projectName: project.name,
    inviterName: inviter.name,
    inviterEmail: inviter.email,
    role: invitation.role,
    roleLabel: ROLE_LABELS[invitation.role],
    link,
    expiresAt: invitation.expiresAt,
  });
  if (result.sent) return { emailed: true, emailProblem: null };
  return {
    emailed: false,
    emailProblem: result.reason === "not_configured" ? null : "The invitation email could not be sent. Copy the link and send it yourself.",
  };
}

const ISSUED_INVITATION = secretInField<IssuedInvitation, "link">(
  "link",
  "This invitation was already sent, and you confirmed you had copied its link, so it is not shown again. Re-issue it from the list for a new link.",
);

/**
 * Invites an address to the project with a role: one open invitation per
 * address, never for someone already a member. The link is returned once and
 * emailed when SMTP is configured; a mail failure does not undo the invitation.
 * A repeat of the request (its idempotency key) gets the same invitation and
 * link (until the inviter confirmed copying it), and sends no second email.
 */
export async function inviteMember({
  userId,
  ip,
  projectId,
  email: given,
  role,
  idempotencyKey,
}: Actor & { projectId: string; email: string; role: Role; idempotencyKey?: string }): Promise<IssuedInvitation> {
  // Addresses match case-insensitively: kept lower-cased (a database check holds it).
  const email = given.trim().toLowerCase();
  const request = repeatable(ISSUED_INVITATION, { action: "inviteMember", userId, idempotencyKey, input: { projectId, email, role } });
  const { token, tokenHash } = newToken();
  const created = await db.$transaction(async (tx) => {
    const { project, role: actorRole } = await requireProjectAccess({ userId, projectId, permission: "members:manage" }, tx);
    refuseRole(actorRole, role);
    const earlier = await request.claim(tx);
    if (earlier) return { earlier };
    await lockProject(tx, projectId);
    const member = await tx.membership.findFirst({ where: { projectId, user: { email: { equals: email, mode: "insensitive" } } } });
    if (member) throw new AppError("conflict", `${email} is already a member of this project.`);
    const open = await tx.invitation.findFirst({ where: { projectId, email, acceptedAt: null, declinedAt: null, revokedAt: null } });
    const now = new Date();
    if (open && open.expiresAt > now) {
      throw new AppError("conflict", `${email} already has an open invitation. Re-issue it from the list to send a new link.`);
    }
    // An expired invitation to the same address gives way to the new one.
    if (open) await tx.invitation.update({ where: { id: open.id }, data: { revokedAt: now } });
    const count = await tx.invitation.count({ where: { projectId, acceptedAt: null, declinedAt: null, revokedAt: null, expiresAt: { gt: now } } });
    if (count >= MAX_OPEN_INVITATIONS) {
      throw new AppError("limit_reached", `This project already has ${MAX_OPEN_INVITATIONS} open invitations. Revoke some before inviting more.`);
    }
    const invitation = await tx.invitation.create({
      data: { projectId, email, role, tokenHash, invitedById: userId, createdAt: now, expiresAt: new Date(now.getTime() + INVITATION_TTL_MS) },
    });
    await recordActivity(tx, {
      projectId,
      actorId: userId,
      action: "member.invited",
      target: { type: "invitation", id: invitation.id, label: email },
      ip,
      metadata: { email, role },
    });
    const inviter = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { name: true, email: true } });
    const link = invitationLink(token);
    const issued = { id: invitation.id, email, role, expiresAt: invitation.expiresAt.toISOString(), link, emailed: false, emailProblem: null };
    // Completed after the commit with the email's outcome, which a repeat waits for.
    await request.keep(tx, issued, { finished: false });
    return { issued, invitation, project, inviter };
  });
  if (created.earlier) return request.replay(created.earlier);
  const { issued, invitation, project, inviter } = created;
  const sent = { ...issued, ...(await emailLink(invitation, issued.link, project, inviter)) };
  await request.finish(sent);
  return sent;
}

async function findOpenInvitation(tx: Tx, projectId: string, invitationId: string) {
  if (!isRowId(invitationId)) throw new AppError("not_found");
  const invitation = await tx.invitation.findFirst({ where: { id: invitationId, projectId } });
  if (!invitation) throw new AppError("not_found");
  if (!isOpen(invitation)) throw new AppError("conflict", "This invitation has already been accepted, declined or revoked.");
  return invitation;
}

/** Ends an open invitation: its link stops working at once. */
export async function revokeInvitation({ userId, ip, projectId, invitationId }: Actor & { projectId: string; invitationId: string }) {
  return db.$transaction(async (tx) => {
    const { role: actorRole } = await requireProjectAccess({ userId, projectId, permission: "members:manage" }, tx);
    await lockProject(tx, projectId);
    const invitation = await findOpenInvitation(tx, projectId, invitationId);
    refuseRole(actorRole, invitation.role);
    const revokedAt = new Date();
    await tx.invitation.update({ where: { id: invitation.id }, data: { revokedAt } });
    await recordActivity(tx, {
      projectId,
      actorId: userId,
      action: "invitation.revoked",
      target: { type: "invitation", id: invitation.id, label: invitation.email },
      ip,
      metadata: { email: invitation.email, role: invitation.role },
    });
    return { id: invitation.id, revokedAt: revokedAt.toISOString() };
  });
}

/** A new link (the old one stops working) and a fresh 7 days, for the same address and role. */
export async function reissueInvitation({ userId, ip, projectId, invitationId }: Actor & { projectId: string; invitationId: string }): Promise<IssuedInvitation> {
  const { token, tokenHash } = newToken();
  const { invitation, project, inviter } = await db.$transaction(async (tx) => {
    const { project, role: actorRole } = await requireProjectAccess({ userId, projectId, permission: "members:manage" }, tx);
    await lockProject(tx, projectId);
    const open = await findOpenInvitation(tx, projectId, invitationId);
    refuseRole(actorRole, open.role);
    const invitation = await tx.invitation.update({
      where: { id: open.id },
      data: { tokenHash, invitedById: userId, expiresAt: new Date(Date.now() + INVITATION_TTL_MS) },
    });
    await recordActivity(tx, {
      projectId,
      actorId: userId,
      action: "invitation.reissued",
      target: { type: "invitation", id: invitation.id, label: invitation.email },
      ip,
      metadata: { email: invitation.email, role: invitation.role },
    });
    const inviter = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { name: true, email: true } });
    return { invitation, project, inviter };
  });
  const link = invitationLink(token);
  return {
    id: invitation.id,
    email: invitation.email,
    role: invitation.role,
    expiresAt: invitation.expiresAt.toISOString(),
    link,
    ...(await emailLink(invitation, link, project, inviter)),
  };
}

/** What the invitation page shows the person who opened a link. */
export type InvitationView =
  | { state: "invalid" }
  | { state: "ended"; reason: "accepted" | "declined" | "revoked" | "expired" }
  | { state: "wrong_account"; invitedEmail: string; signedInEmail: string | null }
  | {
      state: "open";
      project: { name: string; slug: string };
      role: Role;
      invitedBy: string | null;
      expiresAt: string;
      alreadyMember: boolean;
    };

function endedReason(invitation: Invitation, now: Date) {
  if (invitation.acceptedAt) return "accepted" as const;
  if (invitation.declinedAt) return "declined" as const;
  if (invitation.revokedAt) return "revoked" as const;
  if (invitation.expiresAt <= now) return "expired" as const;
  return null;
}

/** The signed-in user's verified address: only Keycloak-verified addresses are ever stored. */
async function verifiedEmailOf(client: Tx | typeof db, userId: string) {
  const user = await client.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true } });
  return user.email;
}

export async function viewInvitation({ userId, token }: { userId: string; token: string }): Promise<InvitationView> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return { state: "invalid" };
  const invitation = await db.invitation.findUnique({
    where: { tokenHash: hashKey(token) },
    include: { project: { select: { name: true, slug: true } }, invitedBy: { select: { name: true, email: true } } },
  });
  if (!invitation) return { state: "invalid" };
  const reason = endedReason(invitation, new Date());
  if (reason) return { state: "ended", reason };
  const email = await verifiedEmailOf(db, userId);
  if (email?.toLowerCase() !== invitation.email) return { state: "wrong_account", invitedEmail: invitation.email, signedInEmail: email };
  const member = await db.membership.findUnique({ where: { projectId_userId: { projectId: invitation.projectId, userId } }, select: { id: true } });
  return {
    state: "open",
    project: invitation.project,
    role: invitation.role,
    invitedBy: invitation.invitedBy?.name ?? invitation.invitedBy?.email ?? null,
    expiresAt: invitation.expiresAt.toISOString(),
    alreadyMember: Boolean(member),
  };
}

/**
 * Takes an open invitation for the signed-in user, once: the row is claimed
 * with a conditional update, so two tabs accepting the same link cannot both
 * succeed. Anyone whose verified address is not the invited one changes nothing.
 */
async function claimInvitation(tx: Tx, userId: string, token: string, as: "accepted" | "declined") {
  const invitation = await tx.invitation.findUnique({ where: { tokenHash: hashKey(token) } });
  if (!invitation) throw new AppError("not_found", "This invitation link is not valid. Ask for a new one.");
  const now = new Date();
  const reason = endedReason(invitation, now);
  if (reason) throw new AppError("conflict", `This invitation has ${reason === "expired" ? "expired" : `already been ${reason}`}. Ask for a new one.`);
  const email = await verifiedEmailOf(tx, userId);
  if (email?.toLowerCase() !== invitation.email) {
    throw new AppError("forbidden", `This invitation is for ${invitation.email}. Sign in with that address to accept it.`);
  }
  const claimed = await tx.invitation.updateMany({
    where: { id: invitation.id, acceptedAt: null, declinedAt: null, revokedAt: null, expiresAt: { gt: now } },
    data: as === "accepted" ? { acceptedAt: now, acceptedById: userId } : { declinedAt: now },
  });
  if (claimed.count !== 1) throw new AppError("conflict", "This invitation has just been used or revoked. Ask for a new one.");
  return invitation;
}

export async function acceptInvitation({ userId, ip, token }: Actor & { token: string }) {
  return db.$transaction(async (tx) => {
    const invitation = await claimInvitation(tx, userId, token, "accepted");
    await lockProject(tx, invitation.projectId);
    const existing = await tx.membership.findUnique({ where: { projectId_userId: { projectId: invitation.projectId, userId } } });
    // Accepting never lowers a role someone already has.
    const directRole = strongerRole(existing?.directRole ?? null, invitation.role)!;
    const role = strongerRole(directRole, existing?.groupRole ?? null)!;
    if (existing) await tx.membership.update({ where: { id: existing.id }, data: { directRole, role } });
    else await tx.membership.create({ data: { projectId: invitation.projectId, userId, directRole, role } });
    const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { name: true, email: true } });
    await recordActivity(tx, {
      projectId: invitation.projectId,
      actorId: userId,
      action: "member.joined",
      target: { type: "user", id: userId, label: user.name ?? user.email ?? userId },
      ip,
      metadata: { source: "invitation", invitationId: invitation.id, role, invitedById: invitation.invitedById },
    });
    const project = await tx.project.findUniqueOrThrow({ where: { id: invitation.projectId }, select: { slug: true, name: true } });
    return { project, role };
  });
}

export async function declineInvitation({ userId, ip, token }: Actor & { token: string }) {
  return db.$transaction(async (tx) => {
    const invitation = await claimInvitation(tx, userId, token, "declined");
    await recordActivity(tx, {
      projectId: invitation.projectId,
      actorId: userId,
      action: "invitation.declined",
      target: { type: "invitation", id: invitation.id, label: invitation.email },
      ip,
      metadata: { email: invitation.email, role: invitation.role },
    });
    return { declined: true as const };
  });
}
