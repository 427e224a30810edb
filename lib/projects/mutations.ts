import { Prisma } from "@prisma/client";
import { db } from "../db";
import { AppError } from "../errors";
import { recordActivity } from "../activity/record";
import { transactionInvalidating } from "../keys/invalidate";
import { plainResult, repeatable } from "../idempotency/repeatable";
import { requireProjectAccess } from "./access";
import { slugify, slugWithSuffix } from "./slug";
import { confirmsDeletion } from "./schemas";

type Actor = { userId: string; ip: string | null };

const MAX_SLUG_ATTEMPTS = 5;

type CreatedProject = { id: string; name: string; slug: string };
const CREATED_PROJECT = plainResult<CreatedProject>();

/**
 * Creates a project with the actor as its owner, and logs it, in one
 * transaction; a repeat of the request (its idempotency key) gets the same project.
 */
export async function createProject({ userId, ip, name, idempotencyKey }: Actor & { name: string; idempotencyKey?: string }): Promise<CreatedProject> {
  const base = slugify(name);
  const request = repeatable(CREATED_PROJECT, { action: "createProject", userId, idempotencyKey, input: { name } });
  for (let attempt = 0; attempt < MAX_SLUG_ATTEMPTS; attempt++) {
    const slug = attempt === 0 ? base : slugWithSuffix(base);
    try {
      return await db.$transaction((tx) =>
        request.once(tx, async () => {
          const project = await tx.project.create({
            data: { name, slug, memberships: { create: { userId, role: "owner", directRole: "owner" } } },
            select: { id: true, name: true, slug: true },
          });
          await recordActivity(tx, {
            projectId: project.id,
            actorId: userId,
            action: "project.created",
            target: { type: "project", id: project.id, label: name },
            ip,
          });
          return project;
        }),
      );
    } catch (error) {
      if (isUniqueViolation(error)) continue;
      throw error;
    }
  }
  throw new AppError("conflict", "Could not find a free URL for this project name; try another name.");
}

export async function renameProject({ userId, ip, projectId, name }: Actor & { projectId: string; name: string }) {
  return db.$transaction(async (tx) => {
    const { project } = await requireProjectAccess({ userId, projectId, permission: "project:update" }, tx);
    if (project.name === name) return { id: project.id, name, slug: project.slug };
    const updated = await tx.project.update({
      where: { id: project.id },
      data: { name },
      select: { id: true, name: true, slug: true },
    });
    await recordActivity(tx, {
      projectId: project.id,
      actorId: userId,
      action: "project.renamed",
      target: { type: "project", id: project.id, label: name },
      ip,
      metadata: { from: project.name, to: name },
    });
    return updated;
  });
}

/**
 * Deletes a project and everything in it. Only an owner may, after typing its
 * name. Returns once every API instance has dropped the project's cached keys.
 */
export async function deleteProject({
  userId,
  projectId,
  confirmName,
}: Actor & { projectId: string; confirmName: string }) {
  return transactionInvalidating(async (tx, invalidate) => {
    const { project } = await requireProjectAccess({ userId, projectId, permission: "project:delete" }, tx);
    if (!confirmsDeletion(confirmName, project)) {
      throw new AppError("invalid_request", `Type the project's name, ${project.name}, or its slug, ${project.slug}, to confirm.`);
    }
    await tx.project.delete({ where: { id: project.id } });
    await invalidate({ projectId: project.id, reason: "project_deleted" });
    return { id: project.id };
  });
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}
