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

export function keydeckAdapter(): Adapter {
  const base = PrismaAdapter(db);
  return {
    ...base,
    linkAccount: (account: AdapterAccount) => base.linkAccount!(pickAccountFields(account)),
    // next-auth moves a session's expiry on here (at most every updateAge):
    // the moment Keycloak groups are applied again between sign-ins.
    updateSession: async (session) => {
      const updated = await base.updateSession!(session);
      if (updated) await refreshGroupsAtSessionRefresh(updated.userId);
      return updated;
    },
  };
}
