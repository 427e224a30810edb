import type { LeakPolicy } from "@prisma/client";
import { db } from "../db";
import { recordActivity } from "../activity/record";
import { requireProjectAccess } from "../projects/access";

type Actor = { userId: string; ip: string | null };

/** The project's leak policy, for its Settings page (every member may read it). */
export async function leakPolicyOf({ userId, projectId }: { userId: string; projectId: string }): Promise<LeakPolicy> {
  const { project } = await requireProjectAccess({ userId, projectId, permission: "project:read" });
  return project.leakPolicy;
}

/** Owners and admins choose what a reported leak does; the next report uses it. */
export async function setLeakPolicy({ userId, ip, projectId, policy }: Actor & { projectId: string; policy: LeakPolicy }) {
  return db.$transaction(async (tx) => {
    const { project } = await requireProjectAccess({ userId, projectId, permission: "keys:leak-policy" }, tx);
    if (project.leakPolicy === policy) return { policy };
    await tx.project.update({ where: { id: projectId }, data: { leakPolicy: policy } });
    await recordActivity(tx, { projectId, actorId: userId, action: "project.leak_policy_changed", ip, metadata: { from: project.leakPolicy, to: policy } });
    return { policy };
  });
}
