import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { createUser, snapshot } from "@/tests/integration/factories";
import { createProject, deleteProject, renameProject } from "./mutations";
import { listProjects } from "./queries";

const ip = "203.0.113.7";

async function expectCode(promise: Promise<unknown>, code: string) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
}

afterAll(async () => {
  await db.$disconnect();
});

describe("createProject", () => {
  it("makes the creator the owner, derives a slug and logs the creation", async () => {
    const alice = await createUser("Alice");
    const project = await createProject({ userId: alice.id, ip, name: "Café Orders!" });
    expect(project.slug).toBe("cafe-orders");

    const membership = await db.membership.findUniqueOrThrow({
      where: { projectId_userId: { projectId: project.id, userId: alice.id } },
    });
    expect(membership.role).toBe("owner");
    const activity = await db.activityEvent.findMany({ where: { projectId: project.id } });
    expect(activity).toMatchObject([{ action: "project.created", actorId: alice.id, ip, targetLabel: "Café Orders!" }]);
  });

  it("gives a colliding name a random suffix instead of failing", async () => {
    const alice = await createUser();
    const bob = await createUser();
    const first = await createProject({ userId: alice.id, ip, name: "Shared Name" });
    const second = await createProject({ userId: bob.id, ip, name: "Shared Name" });
    expect(first.slug).toBe("shared-name");
    expect(second.slug).toMatch(/^shared-name-[a-z0-9]{5}$/);
  });
});

describe("listProjects", () => {
  it("lists only the user's own projects", async () => {
    const alice = await createUser();
    const bob = await createUser();
    const mine = await createProject({ userId: alice.id, ip, name: "Mine" });
    await createProject({ userId: bob.id, ip, name: "Theirs" });
    const listed = await listProjects({ userId: alice.id });
    expect(listed.map((p) => p.id)).toEqual([mine.id]);
    expect(listed[0]).toMatchObject({ name: "Mine", role: "owner" });
  });
});

describe("renameProject", () => {
  it("renames, keeps the slug, and logs old and new names", async () => {
    const alice = await createUser();
    const project = await createProject({ userId: alice.id, ip, name: "Old Name" });
    const renamed = await renameProject({ userId: alice.id, ip, projectId: project.id, name: "New Name" });
    expect(renamed).toMatchObject({ name: "New Name", slug: "old-name" });
    const log = await db.activityEvent.findFirstOrThrow({ where: { projectId: project.id, action: "project.renamed" } });
    expect(log.metadata).toEqual({ from: "Old Name", to: "New Name" });
  });

  it("answers not_found for someone else's project and for an unknown id, changing nothing", async () => {
    const alice = await createUser();
    const mallory = await createUser();
    const project = await createProject({ userId: alice.id, ip, name: "Private" });
    const before = await snapshot();
    await expectCode(renameProject({ userId: mallory.id, ip, projectId: project.id, name: "Pwned" }), "not_found");
    await expectCode(renameProject({ userId: mallory.id, ip, projectId: "does-not-exist", name: "Pwned" }), "not_found");
    expect(await snapshot()).toBe(before);
  });

  it("refuses a viewer with forbidden", async () => {
    const alice = await createUser();
    const viewer = await createUser();
    const project = await createProject({ userId: alice.id, ip, name: "Viewed" });
    await db.membership.create({ data: { projectId: project.id, userId: viewer.id, role: "viewer", directRole: "viewer" } });
    const before = await snapshot();
    await expectCode(renameProject({ userId: viewer.id, ip, projectId: project.id, name: "Nope" }), "forbidden");
    expect(await snapshot()).toBe(before);
  });
});

describe("deleteProject", () => {
  it("deletes the project with its memberships and activity when the owner types its name", async () => {
    const alice = await createUser();
    const project = await createProject({ userId: alice.id, ip, name: "Doomed" });
    await deleteProject({ userId: alice.id, ip, projectId: project.id, confirmName: "Doomed" });
    expect(await db.project.findUnique({ where: { id: project.id } })).toBeNull();
    expect(await db.membership.count({ where: { projectId: project.id } })).toBe(0);
    expect(await db.activityEvent.count({ where: { projectId: project.id } })).toBe(0);
  });

  it("accepts the slug in place of the name: a name with an em dash need not be typed", async () => {
    const alice = await createUser();
    const project = await createProject({ userId: alice.id, ip, name: "Acme — Payments" });
    // Slugs are unique across the database: another file's "Acme Payments" may hold the plain one.
    expect(project.slug).toMatch(/^acme-payments(-[a-z0-9]+)?$/);
    await deleteProject({ userId: alice.id, ip, projectId: project.id, confirmName: ` ${project.slug} ` });
    expect(await db.project.findUnique({ where: { id: project.id } })).toBeNull();
  });

  it("refuses text that is neither the name nor the slug, saying both, and deletes nothing", async () => {
    const alice = await createUser();
    const project = await createProject({ userId: alice.id, ip, name: "Acme — Billing" });
    const before = await snapshot();
    for (const confirmName of ["Acme - Billing", "ACME-BILLING", "acme", "acme-billing-x", ""]) {
      const refused = await deleteProject({ userId: alice.id, ip, projectId: project.id, confirmName }).catch((e: unknown) => e);
      expect(refused).toMatchObject({ code: "invalid_request", message: "Type the project's name, Acme — Billing, or its slug, acme-billing, to confirm." });
    }
    expect(await snapshot()).toBe(before);
    expect(await db.project.findUnique({ where: { id: project.id } })).not.toBeNull();
  });

  it("refuses a wrong confirmation, an admin, and a stranger, changing nothing", async () => {
    const alice = await createUser();
    const admin = await createUser();
    const stranger = await createUser();
    const project = await createProject({ userId: alice.id, ip, name: "Keep Me" });
    await db.membership.create({ data: { projectId: project.id, userId: admin.id, role: "admin", directRole: "admin" } });
    const before = await snapshot();
    await expectCode(deleteProject({ userId: alice.id, ip, projectId: project.id, confirmName: "keep me" }), "invalid_request");
    await expectCode(deleteProject({ userId: admin.id, ip, projectId: project.id, confirmName: "Keep Me" }), "forbidden");
    await expectCode(deleteProject({ userId: stranger.id, ip, projectId: project.id, confirmName: "Keep Me" }), "not_found");
    expect(await snapshot()).toBe(before);
  });
});
