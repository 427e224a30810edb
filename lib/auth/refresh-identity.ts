import type { Account, Profile } from "next-auth";
import { db } from "../db";
import { pickAccountFields } from "./adapter";

type KeycloakProfile = Profile & { preferred_username?: string; email_verified?: boolean };

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
  await db.$transaction([
    db.account.update({
      where: { provider_providerAccountId: { provider: account.provider, providerAccountId: account.providerAccountId } },
      data: {
        access_token: tokens.access_token ?? null,
        refresh_token: tokens.refresh_token ?? null,
        expires_at: tokens.expires_at ?? null,
        refresh_expires_in: (tokens.refresh_expires_in as number | undefined) ?? null,
        id_token: tokens.id_token ?? null,
        session_state: (tokens.session_state as string | undefined) ?? null,
        scope: tokens.scope ?? null,
      },
    }),
    db.user.update({
      where: { id: userId },
      data: { ...(name ? { name } : {}), ...(profile?.email ? { email: profile.email } : {}) },
    }),
  ]);
}
