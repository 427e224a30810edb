import type { Account } from "next-auth";
import { db } from "../db";
import { pickAccountFields } from "./adapter";
import { verifiedEmail, type KeycloakProfile } from "./keycloak-profile";

export async function refreshIdentity({
  userId,
  account,
  profile,
}: {
  userId: string;
  account: Account;
  profile?: KeycloakProfile;
}) {
  const tokens = pickAccountFields({ ...account });
  const name = profile?.name ?? profile?.preferred_username;
  // An unverified address is not the user's until Keycloak says so: it is not
  // copied, and one the user has stopped verifying is not kept either.
  const email = profile ? verifiedEmail(profile) : undefined;
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
