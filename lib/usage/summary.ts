import { db } from "../db";
import { usableKeyWhere } from "../keys/status";
import { requireProjectAccess } from "../projects/access";
import { quotaStatus, type QuotaStatus } from "./quota";
import { onboardingFacts, type OnboardingFacts } from "./onboarding";

export type UsageSummary = {
  quota: QuotaStatus;
  today: { start: string; requests: number; units: number; refusedUnauthorized: number; refusedLimited: number };
  activeKeys: number;
};

/** The Overview's figures, and how far the project is with its first call (for the "Get started" checklist). */
export type OverviewSummary = UsageSummary & { onboarding: OnboardingFacts };

/** The Overview's figures. "Today" starts at midnight in `timeZone`. */
export async function usageSummary({
  userId,
  projectId,
  timeZone,
  now = new Date(),
}: {
  userId: string;
  projectId: string;
  timeZone: string;
  now?: Date;
}): Promise<OverviewSummary> {
  const { project } = await requireProjectAccess({ userId, projectId, permission: "project:read" });
  return projectOverviewSummary(project, timeZone, now);
}

/** The Overview's figures for a project the caller has already loaded through the user's membership. */
export async function projectOverviewSummary(project: Parameters<typeof quotaStatus>[0], timeZone: string, now = new Date()): Promise<OverviewSummary> {
  const [summary, onboarding] = await Promise.all([projectUsageSummary(project, timeZone, now), onboardingFacts(project.id)]);
  return { ...summary, onboarding };
}

/** The usage figures without a user: for callers that checked access another way (the embed widget). */
export async function projectUsageSummary(
  project: Parameters<typeof quotaStatus>[0],
  timeZone: string,
  now = new Date(),
): Promise<UsageSummary> {
  // Hourly rollups are whole UTC hours; today's hours are those from the
  // hour that contains local midnight.
  const [[today], quota, activeKeys] = await Promise.all([
    db.$queryRaw<Array<{ start: Date; requests: number; units: number; unauthorized: number; limited: number }>>`
      WITH bounds AS (
        SELECT date_trunc('hour', date_trunc('day', ${now}::timestamptz AT TIME ZONE ${timeZone}) AT TIME ZONE ${timeZone}) AS start
      )
      SELECT bounds.start,
             coalesce(sum(h.requests), 0)::float8 AS requests,
             coalesce(sum(h.units), 0)::float8 AS units,
             coalesce(sum(h.refused_unauthorized), 0)::float8 AS unauthorized,
             coalesce(sum(h.refused_quota + h.refused_rate), 0)::float8 AS limited
        FROM bounds
        LEFT JOIN usage_hourly h ON h.project_id = ${project.id} AND h.hour >= bounds.start
       GROUP BY bounds.start`,
    quotaStatus(project, now),
    db.apiKey.count({ where: { projectId: project.id, environment: { in: ["live", "test"] }, ...usableKeyWhere(now) } }),
  ]);
  return {
    quota,
    today: {
      start: today!.start.toISOString(),
      requests: today!.requests,
      units: today!.units,
      refusedUnauthorized: today!.unauthorized,
      refusedLimited: today!.limited,
    },
    activeKeys,
  };
}
