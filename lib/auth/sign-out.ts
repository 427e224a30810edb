import { db } from "../db";
import { identityProviderMetadata } from "./identity-provider";

/**
 * Ends the dashboard session (the row is deleted, so the cookie is worthless
 * even if it was copied) and returns the id token to hint the identity
 * provider's logout with.
 */
export async function endAppSession({ sessionToken }: { sessionToken: string }): Promise<{ idToken: string | null }> {
  const [session] = await db.session.findMany({ where: { sessionToken }, select: { userId: true }, take: 1 });
  await db.session.deleteMany({ where: { sessionToken } });
  if (!session) return { idToken: null };
  const account = await db.account.findFirst({
    where: { userId: session.userId, provider: "keycloak" },
    select: { id_token: true },
  });
  return { idToken: account?.id_token ?? null };
}

/** The identity provider's end_session_endpoint, from its discovery document. */
export async function identityProviderLogoutUrl(): Promise<string | null> {
  return (await identityProviderMetadata())?.end_session_endpoint ?? null;
}
