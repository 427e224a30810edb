import { PrismaAdapter } from "@next-auth/prisma-adapter";
import type { Adapter, AdapterAccount } from "next-auth/adapters";
import { db } from "../db";
import { refreshGroupsAtSessionRefresh } from "./keycloak-groups";

// Keycloak's token response carries fields next-auth writes straight into the
// Account row (`not-before-policy`, ...), which Prisma rejects as unknown
// columns. Keep the ones the schema has; drop the rest before the write.
// The access and refresh tokens are dropped on purpose (finding 7 of the
// security review): nothing calls Keycloak on the user's behalf, so storing
// them would only give a database reader working Keycloak credentials. The
// id token stays: it is the hint of identity-provider logout.
const ACCOUNT_FIELDS = [
  "userId",
  "type",
  "provider",
  "providerAccountId",
  "expires_at",
  "refresh_expires_in",
  "token_type",
  "scope",
  "id_token",
  "session_state",
] as const;

export function pickAccountFields(account: Record<string, unknown>): AdapterAccount {
  const picked: Record<string, unknown> = {};
  for (const field of ACCOUNT_FIELDS) {
    if (account[field] !== undefined) picked[field] = account[field];
  }
  return picked as AdapterAccount;
}

/**
 * next-auth's Prisma adapter with Keycloak's token fields picked, and
 * Keycloak groups applied again when a session is refreshed (`refreshGroups`
 * is a parameter for the ordering test).
 */
export function keydeckAdapter(refreshGroups: (userId: string) => Promise<void> = refreshGroupsAtSessionRefresh): Adapter {
  const base = PrismaAdapter(db);
  return {
    ...base,
    linkAccount: (account: AdapterAccount) => base.linkAccount!(pickAccountFields(account)),
    // next-auth moves a session's expiry on here (at most every updateAge):
    // the moment Keycloak groups are applied again between sign-ins. Groups
    // first, expiry after: a request that arrives meanwhile (a poll from the
    // same page) still finds the session due and refreshes too, instead of
    // reading memberships this refresh has not written yet.
    updateSession: async (session) => {
      const current = await db.session.findUnique({ where: { sessionToken: session.sessionToken }, select: { userId: true } });
      if (current) await refreshGroups(current.userId);
      return base.updateSession!(session);
    },
  };
}
