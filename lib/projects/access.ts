import type { Project, Role } from "@prisma/client";
import { db, type DbClient } from "../db";
import { AppError } from "../errors";
import { isRowId } from "../row-id";
import { can, type Permission } from "./roles";

export type ProjectRef = { projectId: string } | { slug: string };

export type ProjectAccess = { project: Project; role: Role };

/**
 * Loads a project through the acting user's membership: the user is in the
 * `where`, so someone else's project and an unknown one both give the same
 * `not_found`. A member whose role lacks the permission gets `forbidden`.
 */
export async function requireProjectAccess(
  { userId, permission, ...ref }: ProjectRef & { userId: string; permission: Permission },
  client: DbClient = db,
): Promise<ProjectAccess> {
  if (!isRowId("projectId" in ref ? ref.projectId : ref.slug)) throw new AppError("not_found");
  const membership = await client.membership.findFirst({
    where: { userId, project: "projectId" in ref ? { id: ref.projectId } : { slug: ref.slug } },
    include: { project: true },
  });
  if (!membership) throw new AppError("not_found");
  if (!can(membership.role, permission)) throw new AppError("forbidden");
  await touchLastActive(client, membership);
  return { project: membership.project, role: membership.role };
}

// "Last active" on the members page needs minutes, not milliseconds: one
// write per member and project every few minutes at most.
const LAST_ACTIVE_RESOLUTION_MS = 5 * 60 * 1000;

async function touchLastActive(client: DbClient, membership: { id: string; lastActiveAt: Date | null }) {
  const now = Date.now();
  if (membership.lastActiveAt && now - membership.lastActiveAt.getTime() < LAST_ACTIVE_RESOLUTION_MS) return;
  const stale = new Date(now - LAST_ACTIVE_RESOLUTION_MS);
  await client.membership.updateMany({
    where: { id: membership.id, OR: [{ lastActiveAt: null }, { lastActiveAt: { lt: stale } }] },
    data: { lastActiveAt: new Date(now) },
  });
}
