import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { hashKey } from "@/lib/keys/format";
import { appErrorCode, createUser, snapshot } from "@/tests/integration/factories";
import { createProject } from "../projects/mutations";
import { requireProjectAccess } from "../projects/access";
import { acceptInvitation, declineInvitation, inviteMember, reissueInvitation, revokeInvitation, viewInvitation } from "./invitations";
import { changeMemberRole, leaveProject, removeMember, transferOwnership } from "./members";
import { linkGroup, unlinkGroup } from "./group-links";
import { syncSignInGroups } from "./group-grants";
import { getTeam } from "./queries";

const ip = "203.0.113.9";
const tokenOf = (link: string) => link.split("/invitations/")[1]!;

afterAll(async () => {
  await db.$disconnect();
});

async function team() {
  const owner = await createUser("Owner");
  const project = await createProject({ userId: owner.id, ip, name: "Team project" });
  return { owner, project };
}

async function membershipOf(projectId: string, userId: string) {
  return db.membership.findUnique({ where: { projectId_userId: { projectId, userId } } });
}

async function join(projectId: string, inviterId: string, user: { id: string; email: string | null }, role: "admin" | "developer" | "viewer" | "owner") {
  const { link } = await inviteMember({ userId: inviterId, ip, projectId, email: user.email!, role });
  await acceptInvitation({ userId: user.id, ip, token: tokenOf(link) });
  return (await membershipOf(projectId, user.id))!;
}

describe("invitations", () => {
  it("stores only the token's hash, and the invited address (in any case) accepts once", async () => {
    const { owner, project } = await team();
    const bob = await createUser("Bob");
    const issued = await inviteMember({ userId: owner.id, ip, projectId: project.id, email: bob.email!.toUpperCase(), role: "viewer" });
    expect(issued).toMatchObject({ email: bob.email, role: "viewer", emailed: false });
    const token = tokenOf(issued.link);
    const row = await db.invitation.findUniqueOrThrow({ where: { id: issued.id } });
    expect(row.tokenHash).toBe(hashKey(token));
    expect(JSON.stringify(row)).not.toContain(token);
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBe(7 * 24 * 60 * 60 * 1000);

    expect(await viewInvitation({ userId: bob.id, token })).toMatchObject({ state: "open", role: "viewer", invitedBy: "Owner", project: { slug: project.slug } });
    await acceptInvitation({ userId: bob.id, ip, token });
    expect(await membershipOf(project.id, bob.id)).toMatchObject({ role: "viewer", directRole: "viewer", groupRole: null });
    expect(await appErrorCode(acceptInvitation({ userId: bob.id, ip, token }))).toBe("conflict");
    expect(await viewInvitation({ userId: bob.id, token })).toEqual({ state: "ended", reason: "accepted" });
    const actions = (await db.activityEvent.findMany({ where: { projectId: project.id }, orderBy: { createdAt: "asc" } })).map((e) => e.action);
    expect(actions).toEqual(["project.created", "member.invited", "member.joined"]);
  });

  it("refuses anyone whose verified address is not the invited one, and changes nothing", async () => {
    const { owner, project } = await team();
    const bob = await createUser("Bob");
    const mallory = await createUser("Mallory");
    const unverified = await db.user.create({ data: { name: "No email", email: null } });
    const { link } = await inviteMember({ userId: owner.id, ip, projectId: project.id, email: bob.email!, role: "admin" });
    const token = tokenOf(link);
    expect(await viewInvitation({ userId: mallory.id, token })).toEqual({ state: "wrong_account", invitedEmail: bob.email, signedInEmail: mallory.email });
    expect(await viewInvitation({ userId: unverified.id, token })).toMatchObject({ state: "wrong_account", signedInEmail: null });
    const before = await snapshot();
    expect(await appErrorCode(acceptInvitation({ userId: mallory.id, ip, token }))).toBe("forbidden");
    expect(await appErrorCode(declineInvitation({ userId: unverified.id, ip, token }))).toBe("forbidden");
    expect(await snapshot()).toBe(before);
  });

  it("ends by decline, revoke or expiry; a re-issue replaces the link", async () => {
    const { owner, project } = await team();
    const bob = await createUser("Bob");
    const first = await inviteMember({ userId: owner.id, ip, projectId: project.id, email: bob.email!, role: "developer" });
    expect(await appErrorCode(inviteMember({ userId: owner.id, ip, projectId: project.id, email: bob.email!, role: "viewer" }))).toBe("conflict");

    const second = await reissueInvitation({ userId: owner.id, ip, projectId: project.id, invitationId: first.id });
    expect(second.id).toBe(first.id);
    expect(await viewInvitation({ userId: bob.id, token: tokenOf(first.link) })).toEqual({ state: "invalid" });
    await revokeInvitation({ userId: owner.id, ip, projectId: project.id, invitationId: first.id });
    expect(await appErrorCode(acceptInvitation({ userId: bob.id, ip, token: tokenOf(second.link) }))).toBe("conflict");

    const third = await inviteMember({ userId: owner.id, ip, projectId: project.id, email: bob.email!, role: "developer" });
    await db.invitation.update({ where: { id: third.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await viewInvitation({ userId: bob.id, token: tokenOf(third.link) })).toEqual({ state: "ended", reason: "expired" });
    expect(await appErrorCode(acceptInvitation({ userId: bob.id, ip, token: tokenOf(third.link) }))).toBe("conflict");

    // An expired invitation gives way to a new one.
    const fourth = await inviteMember({ userId: owner.id, ip, projectId: project.id, email: bob.email!, role: "viewer" });
    await declineInvitation({ userId: bob.id, ip, token: tokenOf(fourth.link) });
    expect(await membershipOf(project.id, bob.id)).toBeNull();
    expect(await viewInvitation({ userId: bob.id, token: tokenOf(fourth.link) })).toEqual({ state: "ended", reason: "declined" });
  });

  it("lets one of two simultaneous accepts of a link through", async () => {
    const { owner, project } = await team();
    const bob = await createUser("Bob");
    const { link } = await inviteMember({ userId: owner.id, ip, projectId: project.id, email: bob.email!, role: "viewer" });
    const results = await Promise.allSettled([0, 1, 2].map(() => acceptInvitation({ userId: bob.id, ip, token: tokenOf(link) })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await db.activityEvent.count({ where: { projectId: project.id, action: "member.joined" } })).toBe(1);
  });

  it("does not invite an existing member, and admins cannot invite owners", async () => {
    const { owner, project } = await team();
    const admin = await createUser("Admin");
    await join(project.id, owner.id, admin, "admin");
    expect(await appErrorCode(inviteMember({ userId: owner.id, ip, projectId: project.id, email: admin.email!.toUpperCase(), role: "viewer" }))).toBe("conflict");
    expect(await appErrorCode(inviteMember({ userId: admin.id, ip, projectId: project.id, email: "new@example.test", role: "owner" }))).toBe("forbidden");
    await inviteMember({ userId: admin.id, ip, projectId: project.id, email: "new@example.test", role: "admin" });
  });
});

describe("roles, removal and ownership", () => {
  it("keeps at least one owner: the last owner cannot leave or be demoted", async () => {
    const { owner, project } = await team();
    const self = (await membershipOf(project.id, owner.id))!;
    const before = await snapshot();
    expect(await appErrorCode(leaveProject({ userId: owner.id, ip, projectId: project.id }))).toBe("conflict");
    expect(await appErrorCode(changeMemberRole({ userId: owner.id, ip, projectId: project.id, memberId: self.id, role: "admin" }))).toBe("conflict");
    expect(await snapshot()).toBe(before);
    const team_ = await getTeam({ userId: owner.id, projectId: project.id });
    expect(team_.you.leave).toMatchObject({ allowed: false });
    expect(team_.members[0]!.actions.changeRole).toMatchObject({ allowed: false });
  });

  it("takes effect on the member's very next request", async () => {
    const { owner, project } = await team();
    const bob = await createUser("Bob");
    const member = await join(project.id, owner.id, bob, "developer");
    await requireProjectAccess({ userId: bob.id, projectId: project.id, permission: "keys:write:test" });
    await changeMemberRole({ userId: owner.id, ip, projectId: project.id, memberId: member.id, role: "viewer" });
    expect(await appErrorCode(requireProjectAccess({ userId: bob.id, projectId: project.id, permission: "keys:write:test" }))).toBe("forbidden");
    await removeMember({ userId: owner.id, ip, projectId: project.id, memberId: member.id });
    expect(await appErrorCode(requireProjectAccess({ userId: bob.id, projectId: project.id, permission: "project:read" }))).toBe("not_found");
  });

  it("admins manage members below owner only", async () => {
    const { owner, project } = await team();
    const admin = await createUser("Admin");
    const dev = await createUser("Dev");
    await join(project.id, owner.id, admin, "admin");
    const devMember = await join(project.id, owner.id, dev, "developer");
    const ownerMember = (await membershipOf(project.id, owner.id))!;
    expect(await appErrorCode(changeMemberRole({ userId: admin.id, ip, projectId: project.id, memberId: ownerMember.id, role: "viewer" }))).toBe("forbidden");
    expect(await appErrorCode(removeMember({ userId: admin.id, ip, projectId: project.id, memberId: ownerMember.id }))).toBe("forbidden");
    expect(await appErrorCode(changeMemberRole({ userId: admin.id, ip, projectId: project.id, memberId: devMember.id, role: "owner" }))).toBe("forbidden");
    await changeMemberRole({ userId: admin.id, ip, projectId: project.id, memberId: devMember.id, role: "admin" });
    expect(await membershipOf(project.id, dev.id)).toMatchObject({ role: "admin" });
  });

  it("transfers ownership: the new owner in, the old one an admin", async () => {
    const { owner, project } = await team();
    const bob = await createUser("Bob");
    const member = await join(project.id, owner.id, bob, "viewer");
    await transferOwnership({ userId: owner.id, ip, projectId: project.id, memberId: member.id });
    expect(await membershipOf(project.id, bob.id)).toMatchObject({ role: "owner" });
    expect(await membershipOf(project.id, owner.id)).toMatchObject({ role: "admin" });
    expect(await appErrorCode(transferOwnership({ userId: owner.id, ip, projectId: project.id, memberId: member.id }))).toBe("forbidden");
    // Now the old owner may leave; bob may not (the only owner).
    await leaveProject({ userId: owner.id, ip, projectId: project.id });
    expect(await appErrorCode(leaveProject({ userId: bob.id, ip, projectId: project.id }))).toBe("conflict");
  });
});

describe("identity-provider groups", () => {
  it("grants at sign-in, takes back on leaving the group, and never touches an invited role", async () => {
    const { owner, project } = await team();
    const path = `/acme/${project.id}-devs`;
    const carol = await createUser("Carol");
    const dan = await createUser("Dan");
    await linkGroup({ userId: owner.id, ip, projectId: project.id, groupPath: path, role: "developer" });

    await syncSignInGroups(carol.id, [path, "/elsewhere"]);
    expect(await membershipOf(project.id, carol.id)).toMatchObject({ role: "developer", directRole: null, groupRole: "developer", groupPath: path });
    await syncSignInGroups(carol.id, []);
    expect(await membershipOf(project.id, carol.id)).toBeNull();

    // Dan was invited as a viewer and is in the group too: the stronger wins, and leaving the group keeps the invitation's role.
    await join(project.id, owner.id, dan, "viewer");
    await syncSignInGroups(dan.id, [path]);
    expect(await membershipOf(project.id, dan.id)).toMatchObject({ role: "developer", directRole: "viewer", groupRole: "developer" });
    const team_ = await getTeam({ userId: owner.id, projectId: project.id });
    expect(team_.members.find((m) => m.name === "Dan")).toMatchObject({ sources: { invited: "viewer", group: { role: "developer", path } } });
    await syncSignInGroups(dan.id, []);
    expect(await membershipOf(project.id, dan.id)).toMatchObject({ role: "viewer", directRole: "viewer", groupRole: null });

    const events = await db.activityEvent.findMany({ where: { projectId: project.id, targetId: carol.id }, orderBy: { createdAt: "asc" } });
    expect(events.map((e) => [e.action, e.actorId])).toEqual([
      ["member.joined", null],
      ["member.removed", null],
    ]);
  });

  it("applies a new link to the groups of the last sign-in, and an unlink at once", async () => {
    const { owner, project } = await team();
    const path = `/acme/${project.id}-admins`;
    const carol = await createUser("Carol");
    await syncSignInGroups(carol.id, [path]);
    expect(await membershipOf(project.id, carol.id)).toBeNull();
    const link = await linkGroup({ userId: owner.id, ip, projectId: project.id, groupPath: path, role: "admin" });
    expect(await membershipOf(project.id, carol.id)).toMatchObject({ role: "admin", groupRole: "admin" });
    const member = (await membershipOf(project.id, carol.id))!;
    expect(await appErrorCode(removeMember({ userId: owner.id, ip, projectId: project.id, memberId: member.id }))).toBe("conflict");
    expect(await appErrorCode(changeMemberRole({ userId: owner.id, ip, projectId: project.id, memberId: member.id, role: "viewer" }))).toBe("conflict");
    await unlinkGroup({ userId: owner.id, ip, projectId: project.id, linkId: link.id });
    expect(await membershipOf(project.id, carol.id)).toBeNull();
  });

  it("refuses a group link to owner, and links from admins only", async () => {
    const { owner, project } = await team();
    const viewer = await createUser("Viewer");
    await join(project.id, owner.id, viewer, "viewer");
    expect(await appErrorCode(linkGroup({ userId: viewer.id, ip, projectId: project.id, groupPath: "/x", role: "viewer" }))).toBe("forbidden");
    await expect(db.groupLink.create({ data: { projectId: project.id, groupPath: "/y", role: "owner" } })).rejects.toThrow();
  });
});
