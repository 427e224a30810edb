import { Prisma } from "@prisma/client";
import { db } from "../db";
import { AppError } from "../errors";
import { requireProjectAccess } from "../projects/access";
import { usageWindow, type UsageQuery } from "./series";
import { usageCsv } from "./usage-csv";

/** YYYY-MM-DD of an instant in a time zone (the en-CA format is ISO-ordered). */
const dayIn = (date: Date, timeZone: string) => new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(date);

/**
 * The Usage tab's range as CSV rows, day by day, as the page counts days:
 * the 7-, 30- and 90-day ranges by UTC day (the daily rollups, the quota's
 * clock); the 24-hour range, which the page shows by hour in the reader's
 * zone, by the reader's date of each hour. With `keyId`, that key only; a
 * key the project does not have is not found.
 */
export async function usageExport({ userId, projectId, range, tz, keyId = null, now = new Date() }: UsageQuery): Promise<{ filename: string; csv: string }> {
  const { project } = await requireProjectAccess({ userId, projectId, permission: "project:read" });
  if (keyId && !(await db.apiKey.findFirst({ where: { id: keyId, projectId }, select: { id: true } }))) {
    throw new AppError("not_found", "This project has no such key.");
  }
  const { hourly, from, to } = usageWindow(range, now);
  const oneKey = keyId ? Prisma.sql`AND u.key_id = ${keyId}` : Prisma.empty;
  const counts = Prisma.sql`u.key_id, u.units, u.requests, u.refused_unauthorized, u.refused_quota, u.refused_rate`;
  const source = hourly
    ? Prisma.sql`SELECT (u.hour AT TIME ZONE ${tz})::date AS day, ${counts} FROM usage_hourly u
                  WHERE u.project_id = ${projectId} AND u.hour >= ${from} AND u.hour < ${to} ${oneKey}`
    : Prisma.sql`SELECT u.day, ${counts} FROM usage_daily u
                  WHERE u.project_id = ${projectId} AND u.day >= ${from}::date AND u.day < ${to}::date ${oneKey}`;
  const rows = await db.$queryRaw<Array<{ day: string; key_id: string; name: string; environment: string; units: number; requests: number; r401: number; r429: number }>>`
    SELECT to_char(c.day, 'YYYY-MM-DD') AS day, k.id AS key_id, k.name, k.environment::text AS environment,
           sum(c.units)::float8 AS units, sum(c.requests)::float8 AS requests,
           sum(c.refused_unauthorized)::float8 AS r401, sum(c.refused_quota + c.refused_rate)::float8 AS r429
      FROM (${source}) c JOIN api_keys k ON k.id = c.key_id AND k.project_id = ${projectId}
     GROUP BY 1, k.id
     ORDER BY 1, k.name, k.id`;
  const csvRows = rows.map((r) => ({
    day: r.day,
    keyId: r.key_id,
    keyName: r.name,
    environment: r.environment,
    units: r.units,
    requests: r.requests,
    refused401: r.r401,
    refused429: r.r429,
  }));
  const [first, last] = hourly ? [dayIn(from, tz), dayIn(new Date(to.getTime() - 1), tz)] : [dayIn(from, "UTC"), dayIn(new Date(to.getTime() - 1), "UTC")];
  const filename = `keydeck-usage-${project.slug}-${range}-${first}-to-${last}${keyId ? `-key-${keyId}` : ""}.csv`;
  return { filename, csv: usageCsv(csvRows) };
}
