import type { Prisma } from "@prisma/client";
import type { KeyStatusFilter } from "./list-params";

export type KeyStatus = "active" | "expiring" | "expired" | "revoked";

/** A key still working but ending within this window is shown as "expiring". */
export const EXPIRING_WINDOW_MS = 7 * 86_400_000;

export function keyStatus(key: { revokedAt: Date | null; expiresAt: Date | null }, now: Date): KeyStatus {
  if (key.revokedAt) return "revoked";
  if (key.expiresAt && key.expiresAt <= now) return "expired";
  if (key.expiresAt && key.expiresAt.getTime() - now.getTime() <= EXPIRING_WINDOW_MS) return "expiring";
  return "active";
}

/** Keys that verify right now: not revoked, not expired. */
export function usableKeyWhere(now: Date): Prisma.ApiKeyWhereInput {
  return { revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] };
}

/** The same classification as `keyStatus`, as a database filter. "active" includes expiring keys: both still work. */
export function statusWhere(filter: KeyStatusFilter, now: Date): Prisma.ApiKeyWhereInput {
  const soon = new Date(now.getTime() + EXPIRING_WINDOW_MS);
  switch (filter) {
    case "all":
      return {};
    case "active":
      return usableKeyWhere(now);
    case "expiring":
      return { revokedAt: null, expiresAt: { gt: now, lte: soon } };
    case "expired":
      return { revokedAt: null, expiresAt: { lte: now } };
    case "revoked":
      return { revokedAt: { not: null } };
  }
}
