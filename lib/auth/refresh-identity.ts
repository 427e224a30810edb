import type { Account } from "next-auth";
import { db } from "../db";
import { pickAccountFields } from "./adapter";
import type { keycloakUser } from "./keycloak-profile";

/**
 * The profile as `keycloakUser` mapped it: next-auth hands the mapped
 * profile, not Keycloak's claims, to `events.signIn`. Its email is Keycloak's
 * verified address or null.
 */
type MappedProfile = Partial<Pick<ReturnType<typeof keycloakUser>, "name" | "email">>;

export async function refreshIdentity({
  userId,
  account,
  profile,
}: {
  userId: string;
  account: Account;
  profile?: MappedProfile;
}) {
  const tokens = pickAccountFields({ ...account });
  const name = profile?.name;
  // An unverified address is not the user's until Keycloak says so: it is not
  // copied, and one the user has stopped verifying is not kept either.
  const email = profile ? (profile.email ?? null) : undefined;
  await db.$transaction([
    db.account.update({
      where: { provider_providerAccountId: { provider: account.provider, providerAccountId: account.providerAccountId } },
      data: {
        expires_at: tokens.expires_at ?? null,
        refresh_expires_in: (tokens.refresh_expires_in as number | undefined) ?? null,
        id_token: tokens.id_token ?? null,
        session_state: (tokens.session_state as string | undefined) ?? null,
        scope: tokens.scope ?? null,
      },
    }),
    db.user.update({
      where: { id: userId },
      data: { ...(name ? { name } : {}), ...(email !== undefined ? { email } : {}) },
    }),
  ]);
}
