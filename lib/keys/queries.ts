import type { KeyEnvironment, Prisma } from "@prisma/client";
import { db } from "../db";
import { requireProjectAccess } from "../projects/access";
import { canWriteKey } from "../projects/roles";
import { isRowId } from "../row-id";
import { keyStatus, statusWhere, type KeyStatus } from "./status";
import type { ListKeysQuery } from "./schemas";

/** What the dashboard may know about a key. The hash is never selected. */
export type KeySummary = {
  id: string;
  name: string;
  environment: KeyEnvironment;
  hint: string;
  status: KeyStatus;
  createdAt: string;
  createdBy: string | null;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
  rotatedFrom: { id: string; hint: string } | null;
  rotatedTo: { id: string; hint: string } | null;
  /** Whether the reader's role lets them rotate and revoke this key (the server checks again). */
  canManage: boolean;
};

export type KeyPage = { keys: KeySummary[]; nextCursor: string | null; total: number };

const summarySelect = {
  id: true,
  name: true,
  environment: true,
  hint: true,
  createdAt: true,
  lastUsedAt: true,
  expiresAt: true,
  revokedAt: true,
  createdById: true,
  createdBy: { select: { name: true, email: true } },
  rotatedFrom: { select: { id: true, hint: true } },
  rotatedTo: { select: { id: true, hint: true } },
} satisfies Prisma.ApiKeySelect;

type Cursor = { createdAt: Date; id: string };

function encodeCursor({ createdAt, id }: Cursor): string {
  return Buffer.from(`${createdAt.toISOString()}|${id}`).toString("base64url");
}

function decodeCursor(cursor: string | undefined): Cursor | null {
  if (!cursor) return null;
  const [iso, id] = Buffer.from(cursor, "base64url").toString().split("|");
  const createdAt = new Date(iso ?? "");
  return id && isRowId(id) && !Number.isNaN(createdAt.getTime()) ? { createdAt, id } : null;
}

/**
 * One page of a project's keys, newest first. Keyset pagination on
 * (created_at, id) uses the index and stays fast at thousands of keys, where
 * an OFFSET would scan everything before the page.
 */
export async function listKeys({
  userId,
  projectId,
  query,
}: {
  userId: string;
  projectId: string;
  query: ListKeysQuery;
}): Promise<KeyPage> {
  const { role } = await requireProjectAccess({ userId, projectId, permission: "keys:read" });
  const now = new Date();
  const filters: Prisma.ApiKeyWhereInput[] = [{ projectId }, statusWhere(query.status, now)];
  if (query.environment !== "all") filters.push({ environment: query.environment });
  if (query.q) {
    filters.push({ OR: [{ name: { contains: query.q, mode: "insensitive" } }, { hint: { startsWith: query.q } }] });
  }
  const where: Prisma.ApiKeyWhereInput = { AND: filters };
  const cursor = decodeCursor(query.cursor);
  const pageWhere: Prisma.ApiKeyWhereInput = cursor
    ? {
        AND: [
          where,
          { OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }] },
        ],
      }
    : where;

  const [rows, total] = await Promise.all([
    db.apiKey.findMany({
      where: pageWhere,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: query.limit + 1,
      select: summarySelect,
    }),
    db.apiKey.count({ where }),
  ]);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    keys: page.map((row) => ({
      id: row.id,
      name: row.name,
      environment: row.environment,
      hint: row.hint,
      status: keyStatus(row, now),
      createdAt: row.createdAt.toISOString(),
      createdBy: row.createdBy?.name ?? row.createdBy?.email ?? null,
      lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
      expiresAt: row.expiresAt?.toISOString() ?? null,
      revokedAt: row.revokedAt?.toISOString() ?? null,
      rotatedFrom: row.rotatedFrom,
      rotatedTo: row.rotatedTo,
      canManage: canWriteKey(role, row, userId),
    })),
    nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null,
    total,
  };
}
