import type { Plan } from "@prisma/client";
import { transactionInvalidating } from "../keys/invalidate";
import { projectLimits } from "./plans";

export type PlanChange = {
  slug: string;
  plan: Plan;
  /** Custom plan: monthly units and requests per second per key (both required). */
  units?: number;
  rps?: number;
  /** Any plan: a separate monthly quota for test keys; null clears it. */
  testUnits?: number | null;
};

/**
 * An operator's plan change (`npm run plan:set`). The API instances cache
 * each key with its project's limits: an invalidation row makes every
 * instance reload them, and this returns once they have.
 */
export async function setPlan({ slug, plan, units, rps, testUnits }: PlanChange) {
  if (plan === "custom" && (units === undefined || rps === undefined)) {
    throw new Error("A custom plan needs --units and --rps.");
  }
  if (plan !== "custom" && (units !== undefined || rps !== undefined)) {
    throw new Error(`--units and --rps are for --plan custom; the ${plan} plan has fixed limits.`);
  }
  return transactionInvalidating(async (tx, invalidate) => {
    const project = await tx.project.update({
      where: { slug },
      data: {
        plan,
        customMonthlyUnits: plan === "custom" ? units : null,
        customRps: plan === "custom" ? rps : null,
        ...(testUnits !== undefined ? { testMonthlyUnits: testUnits } : {}),
      },
      select: { id: true, name: true, slug: true, plan: true, customMonthlyUnits: true, customRps: true, testMonthlyUnits: true },
    });
    await invalidate({ projectId: project.id, reason: "plan_changed" });
    return { ...project, limits: projectLimits(project) };
  });
}
