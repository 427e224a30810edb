import type { Prisma } from "@prisma/client";
import { isRowId } from "../row-id";
import type { KeySort } from "./list-params";

// Keyset pagination in each of the list's orders: a cursor carries the sort
// value and id of the page's last row, and the next page starts after it.
// Unlike OFFSET it does not rescan the rows before the page, and a key
// created meanwhile does not shift the pages. The id breaks ties.

type SortRow = { id: string; createdAt: Date; name: string; lastUsedAt: Date | null };
type CursorValue = string | null;

export function keyOrderBy(sort: KeySort): Prisma.ApiKeyOrderByWithRelationInput[] {
  switch (sort) {
    case "newest":
      return [{ createdAt: "desc" }, { id: "desc" }];
    case "oldest":
      return [{ createdAt: "asc" }, { id: "asc" }];
    case "name":
      return [{ name: "asc" }, { id: "asc" }];
    case "last_used":
      // Never-used keys last, not first (PostgreSQL puts NULLs first when descending).
      return [{ lastUsedAt: { sort: "desc", nulls: "last" } }, { id: "desc" }];
  }
}

function sortValue(sort: KeySort, row: SortRow): CursorValue {
  if (sort === "name") return row.name;
  if (sort === "last_used") return row.lastUsedAt?.toISOString() ?? null;
  return row.createdAt.toISOString();
}

export function encodeKeyCursor(sort: KeySort, row: SortRow): string {
  return Buffer.from(JSON.stringify([sort, sortValue(sort, row), row.id])).toString("base64url");
}

/** The rows after a cursor, or null for a cursor that is not one of this order's (read as "from the start"). */
export function afterKeyCursor(sort: KeySort, cursor: string | undefined): Prisma.ApiKeyWhereInput | null {
  const decoded = decode(cursor);
  if (!decoded || decoded.sort !== sort) return null;
  const { value, id } = decoded;
  const date = value === null ? null : new Date(value);
  if (date && Number.isNaN(date.getTime()) && sort !== "name") return null;
  switch (sort) {
    case "newest":
      return date && { OR: [{ createdAt: { lt: date } }, { createdAt: date, id: { lt: id } }] };
    case "oldest":
      return date && { OR: [{ createdAt: { gt: date } }, { createdAt: date, id: { gt: id } }] };
    case "name":
      return value === null ? null : { OR: [{ name: { gt: value } }, { name: value, id: { gt: id } }] };
    case "last_used":
      return date
        ? { OR: [{ lastUsedAt: { lt: date } }, { lastUsedAt: date, id: { lt: id } }, { lastUsedAt: null }] }
        : { lastUsedAt: null, id: { lt: id } };
  }
}

function decode(cursor: string | undefined): { sort: string; value: CursorValue; id: string } | null {
  if (!cursor) return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString());
    if (!Array.isArray(parsed) || parsed.length !== 3) return null;
    const [sort, value, id] = parsed as unknown[];
    // A NUL (which PostgreSQL text cannot hold) would fail the query instead of finding nothing.
    const text = (v: unknown): v is string => typeof v === "string" && !v.includes("\u0000");
    if (!text(sort) || !text(id) || !isRowId(id) || (value !== null && !text(value))) return null;
    return { sort, value, id };
  } catch {
    return null;
  }
}
