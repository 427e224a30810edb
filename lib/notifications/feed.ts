import { Prisma } from "@prisma/client";
import { db } from "../db";
import { AppError } from "../errors";
import { EVENT_TYPE_NAMES, isEventType, type EventType } from "../webhooks/event-types";
import { describeEvent } from "./describe";
import { UNREAD_COUNT_CAP } from "./bell-label";

/** How many events the bell lists: the newest, across all of the user's projects. */
export const NOTIFICATION_LIST_SIZE = 20;

export type NotificationItem = {
  id: string;
  type: EventType;
  sentence: string;
  href: string;
  createdAt: string;
  unread: boolean;
  project: { id: string; name: string; slug: string };
};

export type NotificationFeed = { unread: number; items: NotificationItem[] };

// The user's projects, each with the moment after which its events are
// unread: the later of the user's cursor and the day they joined (a new
// member is not greeted with the project's history as unread). Membership
// is the only way in, so a removed member sees nothing of the project at
// once. memberships.created_at is a timestamp holding UTC.
const mine = (userId: string) => Prisma.sql`
  SELECT m.project_id, p.name, p.slug,
         greatest(m.created_at AT TIME ZONE 'UTC', coalesce(c.seen_until, '-infinity'::timestamptz)) AS read_until
    FROM memberships m
    JOIN projects p ON p.id = m.project_id
    LEFT JOIN notification_cursors c ON c.user_id = m.user_id AND c.project_id = m.project_id
   WHERE m.user_id = ${userId}`;

// Unread: after the cursor, and not the user's own doing (nobody needs to
// be told they revoked a key); "webhook.test" is for one endpoint, not people.
const unreadWhere = (userId: string) =>
  Prisma.sql`e.created_at > mine.read_until AND e.payload->>'actor_id' IS DISTINCT FROM ${userId}`;

/**
 * The bell's contents for a user: the newest events of every project they
 * are a member of now, each as a sentence with a link, and how many are
 * unread. Reading marks nothing: only "Mark all as read" moves the cursor.
 */
export async function listNotifications({ userId, limit = NOTIFICATION_LIST_SIZE }: { userId: string; limit?: number }): Promise<NotificationFeed> {
  const types = EVENT_TYPE_NAMES as string[];
  const [rows, [counted]] = await Promise.all([
    // Each project's newest `limit` first (its index), then the newest of those.
    db.$queryRaw<Array<{ id: string; type: string; payload: unknown; created_at: Date; unread: boolean; project_id: string; name: string; slug: string }>>`
      WITH mine AS (${mine(userId)})
      SELECT e.id, e.type, e.payload, e.created_at, (${unreadWhere(userId)}) AS unread, mine.project_id, mine.name, mine.slug
        FROM mine
        CROSS JOIN LATERAL (
          SELECT * FROM project_events e
           WHERE e.project_id = mine.project_id AND e.type = ANY(${types}::text[])
           ORDER BY e.created_at DESC LIMIT ${limit}
        ) e
       ORDER BY e.created_at DESC, e.id DESC
       LIMIT ${limit}`,
    db.$queryRaw<Array<{ unread: number }>>`
      WITH mine AS (${mine(userId)})
      SELECT count(*)::int AS unread FROM (
        SELECT 1 FROM mine JOIN project_events e ON e.project_id = mine.project_id
         WHERE e.type = ANY(${types}::text[]) AND ${unreadWhere(userId)}
         LIMIT ${UNREAD_COUNT_CAP}
      ) capped`,
  ]);
  const items = rows.flatMap((row): NotificationItem[] => {
    if (!isEventType(row.type)) return [];
    const project = { id: row.project_id, name: row.name, slug: row.slug };
    return [{ id: row.id, type: row.type, ...describeEvent(row.type, row.payload, project), createdAt: row.created_at.toISOString(), unread: row.unread, project }];
  });
  return { unread: counted?.unread ?? 0, items };
}

/**
 * "Mark all as read": every event of the user's projects up to and
 * including `throughEventId` (the newest the bell showed) becomes read, so
 * an event that arrived after the list was drawn stays unread. The cursor
 * only moves forward. No activity row: this is the user's own reading
 * state, not a change to the project.
 */
export async function markNotificationsRead({ userId, throughEventId }: { userId: string; throughEventId: string }): Promise<NotificationFeed> {
  const [through] = await db.$queryRaw<Array<{ created_at: Date }>>`
    SELECT e.created_at FROM project_events e
      JOIN memberships m ON m.project_id = e.project_id AND m.user_id = ${userId}
     WHERE e.id = ${throughEventId}`;
  // Someone else's event and an unknown one: the same answer.
  if (!through) throw new AppError("not_found");
  await db.$executeRaw`
    INSERT INTO notification_cursors (user_id, project_id, seen_until, updated_at)
    SELECT ${userId}, m.project_id, ${through.created_at}, now() FROM memberships m WHERE m.user_id = ${userId}
    ON CONFLICT (user_id, project_id) DO UPDATE
      SET seen_until = greatest(notification_cursors.seen_until, excluded.seen_until), updated_at = now()`;
  return listNotifications({ userId });
}
