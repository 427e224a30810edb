// Demo data for development (`npm run db:seed`; `npm run dev` runs it unless
// SEED_DEMO=0): the dev identity provider's users, linked to their accounts as
// next-auth links them, and two projects.
//
// Idempotent: a row is inserted only when missing and nothing is ever
// updated, so running it again changes nothing, and what you changed in the
// UI stays (a demo row you deleted comes back).
import type { Role } from "@prisma/client";
import { db } from "../lib/db";
import { env } from "../lib/env";
import { recordActivity } from "../lib/activity/record";
import { devUsers, type DevUser } from "../scripts/dev-idp/users";

// next-auth's id for KeycloakProvider (lib/auth/options.ts): sign-in looks the
// account up by this provider and the token's `sub`.
const PROVIDER = "keycloak";

// Members by username in scripts/dev-idp/users.ts.
// Group links by full path (scripts/dev-idp/groups.ts): carol, in
// /acme/payments-developers, gets Acme Payments at her first sign-in.
const demoProjects: { name: string; slug: string; members: Record<string, Role>; groups?: Record<string, Role> }[] = [
  { name: "Acme Payments", slug: "acme-payments", members: { alice: "owner", bob: "viewer" }, groups: { "/acme/payments-developers": "developer" } },
  { name: "Weather API", slug: "weather-api", members: { bob: "owner" } },
];

/** Inserts the user and the account sign-in will find; returns the account's user id. */
async function seedUser(user: DevUser): Promise<string> {
  return db.$transaction(async (tx) => {
    await tx.user.createMany({ data: [{ name: user.name, email: user.email }], skipDuplicates: true });
    const { id: userId } = await tx.user.findUniqueOrThrow({ where: { email: user.email }, select: { id: true } });
    await tx.account.createMany({
      data: [{ userId, type: "oauth", provider: PROVIDER, providerAccountId: user.sub }],
      skipDuplicates: true,
    });
    // The account may predate the seed (a sign-in before it): its user is the one who signs in.
    const account = await tx.account.findUniqueOrThrow({
      where: { provider_providerAccountId: { provider: PROVIDER, providerAccountId: user.sub } },
      select: { userId: true },
    });
    return account.userId;
  });
}

async function seedProject(project: (typeof demoProjects)[number], userIds: Map<string, string>) {
  const members = Object.entries(project.members).map(([username, role]) => {
    const userId = userIds.get(username);
    if (!userId) throw new Error(`seed: ${project.slug} names ${username}, who is not in scripts/dev-idp/users.ts`);
    return { userId, role };
  });
  const owner = members.find((member) => member.role === "owner");

  await db.$transaction(async (tx) => {
    // skipDuplicates returns only the rows it inserted: the activity row is
    // written once, with the project, as createProject does.
    const [created] = await tx.project.createManyAndReturn({
      data: [{ name: project.name, slug: project.slug }],
      skipDuplicates: true,
      select: { id: true },
    });
    const { id: projectId } =
      created ?? (await tx.project.findUniqueOrThrow({ where: { slug: project.slug }, select: { id: true } }));
    await tx.membership.createMany({
      data: members.map((member) => ({ projectId, ...member, directRole: member.role })),
      skipDuplicates: true,
    });
    await tx.groupLink.createMany({
      data: Object.entries(project.groups ?? {}).map(([groupPath, role]) => ({ projectId, groupPath, role, createdById: owner?.userId ?? null })),
      skipDuplicates: true,
    });
    if (created) {
      await recordActivity(tx, {
        projectId,
        actorId: owner?.userId ?? null,
        action: "project.created",
        target: { type: "project", id: projectId, label: project.name },
        ip: null,
      });
    }
  });
}

async function main() {
  if (env().NODE_ENV === "production") {
    throw new Error("seed: refusing to add demo users and projects with NODE_ENV=production.");
  }
  const userIds = new Map<string, string>();
  for (const user of devUsers) userIds.set(user.username, await seedUser(user));
  for (const project of demoProjects) await seedProject(project, userIds);
  console.log(
    `seed: demo data in place (${devUsers.length} users, ${demoProjects.length} projects: ${demoProjects.map((p) => p.name).join(", ")})`,
  );
}

main()
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  })
  .finally(() => db.$disconnect());
