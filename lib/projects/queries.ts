import type { Role } from "@prisma/client";
import { db } from "../db";
import { quotaStatuses, type QuotaStatus } from "../usage/quota";

export type ProjectSummary = {
  id: string;
  name: string;
  slug: string;
  role: Role;
  createdAt: string;
  quota: QuotaStatus;
};

/** The projects the user is a member of, newest first. */
export async function listProjects({ userId }: { userId: string }): Promise<ProjectSummary[]> {
  const memberships = await db.membership.findMany({
    where: { userId },
    select: {
      role: true,
      project: {
        select: {
          id: true,
          name: true,
          slug: true,
          createdAt: true,
          plan: true,
          customMonthlyUnits: true,
          customRps: true,
          testMonthlyUnits: true,
        },
      },
    },
    orderBy: { project: { createdAt: "desc" } },
  });
  const quotas = await quotaStatuses(memberships.map((m) => m.project));
  return memberships.map(({ role, project }) => ({
    id: project.id,
    name: project.name,
    slug: project.slug,
    role,
    createdAt: project.createdAt.toISOString(),
    quota: quotas.get(project.id)!,
  }));
}
