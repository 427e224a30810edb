import type { Prisma } from "@prisma/client";
import { db } from "../db";
import { requireProjectAccess } from "../projects/access";
import { isRowId } from "../row-id";
import { receiptFromMetadata, type InvalidationReceipt } from "../keys/receipt";

export type ActivityEntry = {
  id: string;
  action: string;
  actor: string | null;
  targetLabel: string | null;
  ip: string | null;
  metadata: unknown;
  /** Who confirmed the change, for changes that stop cached keys. */
  receipt: InvalidationReceipt | null;
  createdAt: string;
};

const PAGE_SIZE = 50;

const entrySelect = {
  id: true,
  action: true,
  targetLabel: true,
  ip: true,
  metadata: true,
  createdAt: true,
  actor: { select: { name: true, email: true } },
} satisfies Prisma.ActivityEventSelect;

// Rows no person wrote: a leak reported by a scanner (issue 19) names it instead of a deleted user.
const REPORTERS: Record<string, string> = { github: "GitHub secret scanning", scanner: "A secret scanner" };
const reporterOf = (metadata: unknown) => {
  const reportedBy = (metadata as { reported_by?: unknown } | null)?.reported_by;
  return typeof reportedBy === "string" ? (REPORTERS[reportedBy] ?? null) : null;
};

function toEntry(row: Prisma.ActivityEventGetPayload<{ select: typeof entrySelect }>): ActivityEntry {
  return {
    id: row.id,
    action: row.action,
    actor: row.actor?.name ?? row.actor?.email ?? reporterOf(row.metadata),
    targetLabel: row.targetLabel,
    ip: row.ip,
    metadata: row.metadata,
    receipt: receiptFromMetadata(row.metadata),
    createdAt: row.createdAt.toISOString(),
  };
}

/**
 * The `?cursor=` of the activity page as a row id, or undefined: it comes from
 * the URL (an array when repeated, a NUL that PostgreSQL refuses), and a value
 * that cannot name a row is read as "from the newest" (finding 8).
 */
export function activityCursor(value: unknown): string | undefined {
  return typeof value === "string" && isRowId(value) ? value : undefined;
}

/** A project's activity, newest first, in pages of 50 (cursor = last entry's id). */
export async function listActivity({
  userId,
  projectId,
  cursor,
}: {
  userId: string;
  projectId: string;
  cursor?: string;
}): Promise<{ entries: ActivityEntry[]; nextCursor: string | null }> {
  await requireProjectAccess({ userId, projectId, permission: "activity:read" });
  const from = activityCursor(cursor);
  const rows = await db.activityEvent.findMany({
    where: { projectId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: PAGE_SIZE + 1,
    ...(from ? { cursor: { id: from }, skip: 1 } : {}),
    select: entrySelect,
  });
  const page = rows.slice(0, PAGE_SIZE);
  return {
    entries: page.map(toEntry),
    nextCursor: rows.length > PAGE_SIZE ? (page.at(-1)?.id ?? null) : null,
  };
}

/** How many of a key's entries its page shows; the project's Activity tab has them all. */
const KEY_ENTRIES = 100;

/**
 * A key's activity, newest first: what was done to it, and the rotation that
 * created it (recorded on the key it replaced, naming it in the metadata).
 */
export async function listKeyActivity({ userId, projectId, keyId }: { userId: string; projectId: string; keyId: string }): Promise<ActivityEntry[]> {
  await requireProjectAccess({ userId, projectId, permission: "activity:read" });
  const rows = await db.activityEvent.findMany({
    where: {
      projectId,
      OR: [
        { targetType: "api_key", targetId: keyId },
        { action: "key.rotated", metadata: { path: ["newKeyId"], equals: keyId } },
      ],
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: KEY_ENTRIES,
    select: entrySelect,
  });
  return rows.map(toEntry);
}
