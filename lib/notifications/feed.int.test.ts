import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { appErrorCode, createUser, snapshot } from "@/tests/integration/factories";
import { createProject } from "../projects/mutations";
import { createKey, revokeKey } from "../keys/mutations";
import { acceptInvitation, inviteMember } from "../teams/invitations";
import { removeMember } from "../teams/members";
import { emitEvent } from "../webhooks/outbox";
import { prismaSql } from "../webhooks/prisma-sql";
import { listNotifications, markNotificationsRead } from "./feed";

const ip = "192.0.2.18";
const never = { kind: "never" } as const;

afterAll(async () => {
  await db.$disconnect();
});

/** An owner's project with Bob in it as a developer: events the owner causes are news to Bob. */
async function team(name = "Acme Payments") {
  const owner = await createUser("Olivia");
  const bob = await createUser("Bob");
  const project = await createProject({ userId: owner.id, ip, name });
  const { link } = await inviteMember({ userId: owner.id, ip, projectId: project.id, email: bob.email!, role: "developer" });
  await acceptInvitation({ userId: bob.id, ip, token: link.split("/invitations/")[1]! });
  return { owner, bob, project, actor: { userId: owner.id, ip, projectId: project.id } };
}

const quotaEvent = (projectId: string, threshold: number) =>
  emitEvent(prismaSql(db), {
    projectId,
    type: "quota.threshold",
    data: { project_id: projectId, scope: "project", threshold, used: 820_000, limit: 1_000_000, period_start: "2026-12-01T00:00:00.000Z" },
  });

describe("listNotifications", () => {
  it("lists a teammate's change as an unread sentence with its project and a link, but not one's own", async () => {
    const { owner, bob, project, actor } = await team();
    const key = await createKey({ ...actor, name: "Billing", environment: "live", expiry: never });
    const feed = await listNotifications({ userId: bob.id });
    expect(feed.unread).toBe(1);
    expect(feed.items[0]).toMatchObject({
      type: "key.created",
      sentence: `Key “Billing” (${key.hint}) was created`,
      href: `/projects/${project.slug}/keys/${key.id}`,
      unread: true,
      project: { id: project.id, name: "Acme Payments", slug: project.slug },
    });
    // Bob's own joining is listed for the owner; the owner's own key is listed but not news to them.
    const owners = await listNotifications({ userId: owner.id });
    expect(owners.items.map((i) => [i.type, i.unread])).toEqual([
      ["key.created", false],
      ["member.added", true],
    ]);
    expect(owners.items[1]!.sentence).toBe("Bob joined Acme Payments");
    expect(owners.items[1]!.href).toBe(`/projects/${project.slug}/members`);
  });

  it("does not count events from before one joined, and describes quota thresholds with the figures", async () => {
    const owner = await createUser("Olivia");
    const project = await createProject({ userId: owner.id, ip, name: "Early" });
    await quotaEvent(project.id, 80);
    const late = await createUser("Late");
    const { link } = await inviteMember({ userId: owner.id, ip, projectId: project.id, email: late.email!, role: "viewer" });
    await acceptInvitation({ userId: late.id, ip, token: link.split("/invitations/")[1]! });
    const feed = await listNotifications({ userId: late.id });
    expect(feed.unread).toBe(0);
    expect(feed.items.map((i) => i.sentence)).toEqual(["Late joined Early", "Early reached 80 % of this month's quota (820,000 of 1,000,000 units)"]);
    expect(feed.items[1]!.href).toBe(`/projects/${project.slug}/usage`);
    // The owner was there: the threshold is news to them.
    expect((await listNotifications({ userId: owner.id })).unread).toBe(2); // the threshold and Late joining
  });

  it("lists the newest events across all of the user's projects, at most the page size", async () => {
    const { bob, project } = await team("First");
    const second = await team("Second");
    const { link } = await inviteMember({ userId: second.owner.id, ip, projectId: second.project.id, email: bob.email!, role: "viewer" });
    await acceptInvitation({ userId: bob.id, ip, token: link.split("/invitations/")[1]! });
    for (let i = 0; i < 3; i++) await quotaEvent(project.id, 80);
    await quotaEvent(second.project.id, 100);
    const feed = await listNotifications({ userId: bob.id, limit: 3 });
    expect(feed.items.map((i) => i.project.name)).toEqual(["Second", "First", "First"]);
    expect(feed.items[0]!.sentence).toContain("requests are refused with 429");
    expect(feed.unread).toBe(4);
  });
});

describe("markNotificationsRead", () => {
  it("marks read what the bell showed; a later event stays unread; the cursor never moves back", async () => {
    const { bob, project, actor } = await team();
    const key = await createKey({ ...actor, name: "Billing", environment: "live", expiry: never });
    const shown = await listNotifications({ userId: bob.id });
    const older = shown.items[0]!.id;
    // Arrives after the list was drawn, before the click.
    await revokeKey({ ...actor, keyId: key.id });
    const after = await markNotificationsRead({ userId: bob.id, throughEventId: older });
    expect(after.unread).toBe(1);
    expect(after.items.map((i) => [i.type, i.unread])).toEqual([
      ["key.revoked", true],
      ["key.created", false],
      ["member.added", false], // Bob's own joining: listed, never news
    ]);
    const newest = after.items[0]!.id;
    expect((await markNotificationsRead({ userId: bob.id, throughEventId: newest })).unread).toBe(0);
    // Marking through the older event again does not make the newer one unread.
    expect((await markNotificationsRead({ userId: bob.id, throughEventId: older })).unread).toBe(0);
    const cursor = await db.notificationCursor.findUniqueOrThrow({ where: { userId_projectId: { userId: bob.id, projectId: project.id } } });
    expect(cursor.seenUntil.toISOString()).toBe((await db.projectEvent.findUniqueOrThrow({ where: { id: newest } })).createdAt.toISOString());
    // Reads are per user: the owner's count is untouched by Bob's.
    expect((await listNotifications({ userId: actor.userId })).unread).toBe(1); // Bob joining
    await quotaEvent(project.id, 80);
    expect((await listNotifications({ userId: bob.id })).unread).toBe(1);
  });

  it("refuses another project's event and an unknown one alike, and changes nothing", async () => {
    const { bob } = await team();
    const other = await team("Other");
    await quotaEvent(other.project.id, 80);
    const foreign = (await listNotifications({ userId: other.owner.id })).items[0]!.id;
    const before = await snapshot();
    const cursors = await db.notificationCursor.count();
    expect(await appErrorCode(markNotificationsRead({ userId: bob.id, throughEventId: foreign }))).toBe("not_found");
    expect(await appErrorCode(markNotificationsRead({ userId: bob.id, throughEventId: "msg_doesnotexist00000000" }))).toBe("not_found");
    expect(await snapshot()).toBe(before);
    expect(await db.notificationCursor.count()).toBe(cursors);
  });
});

describe("visibility", () => {
  it("a removed member no longer sees the project's events, nor can mark them", async () => {
    const { owner, bob, project, actor } = await team();
    await createKey({ ...actor, name: "Billing", environment: "live", expiry: never });
    const seen = await listNotifications({ userId: bob.id });
    expect(seen.items.length).toBeGreaterThan(0);
    const member = await db.membership.findUniqueOrThrow({ where: { projectId_userId: { projectId: project.id, userId: bob.id } } });
    await removeMember({ userId: owner.id, ip, projectId: project.id, memberId: member.id });
    await quotaEvent(project.id, 100);
    expect(await listNotifications({ userId: bob.id })).toEqual({ unread: 0, items: [] });
    expect(await appErrorCode(markNotificationsRead({ userId: bob.id, throughEventId: seen.items[0]!.id }))).toBe("not_found");
  });
});
