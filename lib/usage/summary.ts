import { db } from "../db";
import { usableKeyWhere } from "../keys/status";
import { requireProjectAccess } from "../projects/access";
import { quotaStatus, type QuotaStatus } from "./quota";

export type UsageSummary = {
  quota: QuotaStatus;
  today: { start: string; requests: number; units: number; refusedUnauthorized: number; refusedLimited: number };
  activeKeys: number;
};

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
}): Promise<UsageSummary> {
  const { project } = await requireProjectAccess({ userId, projectId, permission: "project:read" });
  return projectUsageSummary(project, timeZone, now);
}

/** The same figures without a user: for callers that checked access another way (the embed widget). */
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
