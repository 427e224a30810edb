import { db } from "../db";
import { periodOf } from "../plans/period";
import { projectLimits, type ProjectPlan } from "../plans/plans";

export type QuotaStatus = {
  used: number;
  limit: number;
  /** 0–100+, one decimal. */
  percent: number;
  periodStart: string;
  periodEnd: string;
};

function usedUnits(rows: Array<{ environment: string; units: bigint | number }>, testShares: boolean): number {
  const units = (environment: string) => Number(rows.find((r) => r.environment === environment)?.units ?? 0);
  return units("live") + (testShares ? units("test") : 0);
}

function status(used: number, limit: number, period: { start: number; end: number }): QuotaStatus {
  return {
    used,
    limit,
    percent: limit > 0 ? Math.round((used / limit) * 1000) / 10 : 0,
    periodStart: new Date(period.start).toISOString(),
    periodEnd: new Date(period.end).toISOString(),
  };
}

/**
 * Units counted against the project's quota this period (a UTC month), as
 * the verification service counts them: live keys, plus test keys unless the
 * operator gave test keys a quota of their own.
 */
export async function quotaStatus(project: ProjectPlan & { id: string }, now = new Date()): Promise<QuotaStatus> {
  return (await quotaStatuses([project], now)).get(project.id)!;
}

/** The same for many projects in one query (the projects list). */
export async function quotaStatuses(projects: Array<ProjectPlan & { id: string }>, now = new Date()): Promise<Map<string, QuotaStatus>> {
  const period = periodOf(now.getTime());
  const rows = await db.projectUsage.findMany({
    where: { projectId: { in: projects.map((p) => p.id) }, periodStart: new Date(period.start) },
    select: { projectId: true, environment: true, units: true },
  });
  return new Map(
    projects.map((project) => {
      const limits = projectLimits(project);
      const own = rows.filter((r) => r.projectId === project.id);
      return [project.id, status(usedUnits(own, limits.testMonthlyUnits === null), limits.monthlyUnits, period)];
    }),
  );
}
