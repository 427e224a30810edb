import type { KeyEnvironment, Prisma, Role } from "@prisma/client";
import { db } from "../db";
import { requireProjectAccess } from "../projects/access";
import { canWriteKey } from "../projects/roles";
import { afterKeyCursor, encodeKeyCursor, keyOrderBy } from "./list-order";
import { keyStatus, statusWhere, type KeyStatus } from "./status";
import { creditBalance, creditColumns, type CreditBalance } from "./credit-balance";
import type { ListKeysQuery } from "./list-params";

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
  /** The client address the verify body gave with that last use, if it gave one. */
  lastUsedIp: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
  rotatedFrom: { id: string; hint: string } | null;
  rotatedTo: { id: string; hint: string } | null;
  /** Only for a key with credits: what is left of them (the same figures as its page and the Usage tab). */
  credits: CreditBalance | null;
  /** Whether the reader's role lets them rotate and revoke this key (the server checks again). */
  canManage: boolean;
  /** The latest place the key was reported leaked (issue 19), if ever. */
  leak: { foundAt: string; url: string } | null;
};

export type KeyPage = { keys: KeySummary[]; nextCursor: string | null; total: number };

export const summarySelect = {
  id: true,
  name: true,
  environment: true,
  hint: true,
  createdAt: true,
  lastUsedAt: true,
  lastUsedIp: true,
  expiresAt: true,
  revokedAt: true,
  createdById: true,
  createdBy: { select: { name: true, email: true } },
  rotatedFrom: { select: { id: true, hint: true } },
  rotatedTo: { select: { id: true, hint: true } },
  ...creditColumns,
  leaks: { orderBy: { foundAt: "desc" }, take: 1, select: { foundAt: true, url: true } },
} satisfies Prisma.ApiKeySelect;

type SummaryRow = Prisma.ApiKeyGetPayload<{ select: typeof summarySelect }>;

/** A key row as the dashboard shows it, with what the reader's role may do to it. */
export function toKeySummary(row: SummaryRow, { role, userId, now }: { role: Role; userId: string; now: Date }): KeySummary {
  return {
    id: row.id,
    name: row.name,
    environment: row.environment,
    hint: row.hint,
    status: keyStatus(row, now),
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdBy?.name ?? row.createdBy?.email ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    lastUsedIp: row.lastUsedIp,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    rotatedFrom: row.rotatedFrom,
    rotatedTo: row.rotatedTo,
    credits: creditBalance(row, now),
    canManage: canWriteKey(role, row, userId),
    leak: row.leaks[0] ? { foundAt: row.leaks[0].foundAt.toISOString(), url: row.leaks[0].url } : null,
  };
}

/** A search term as a LIKE operand that matches it literally: Prisma passes `%` and `_` through as wildcards. */
export const likeLiteral = (term: string) => term.replace(/[\\%_]/g, "\\$&");

/**
 * What the list's filters select. A pasted key is looked up by its hash, the
 * unique index, and still only within this project; a search term matches
 * any part of the name or of the hint, in any case. Both are scans of one
 * project's keys (the project_id index narrows them first): a project holds
 * at most 100 active keys, so no trigram index is worth its writes.
 */
function listWhere(projectId: string, query: ListKeysQuery, now: Date): Prisma.ApiKeyWhereInput {
  const filters: Prisma.ApiKeyWhereInput[] = [{ projectId }, statusWhere(query.status, now)];
  if (query.environment !== "all") filters.push({ environment: query.environment });
  if (query.key_hash) {
    filters.push({ hash: query.key_hash });
  } else if (query.q) {
    const contains = likeLiteral(query.q);
    filters.push({ OR: [{ name: { contains, mode: "insensitive" } }, { hint: { contains, mode: "insensitive" } }] });
  }
  return { AND: filters };
}

/** One page of a project's keys, in the chosen order (lib/keys/list-order.ts), with the number of keys that match. */
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
  const where = listWhere(projectId, query, now);
  const after = afterKeyCursor(query.sort, query.cursor);
  const [rows, total] = await Promise.all([
    db.apiKey.findMany({
      where: after ? { AND: [where, after] } : where,
      orderBy: keyOrderBy(query.sort),
      take: query.limit + 1,
      select: summarySelect,
    }),
    db.apiKey.count({ where }),
  ]);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    keys: page.map((row) => toKeySummary(row, { role, userId, now })),
    nextCursor: rows.length > query.limit && last ? encodeKeyCursor(query.sort, last) : null,
    total,
  };
}
