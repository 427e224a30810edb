import { db } from "../db";
import { env } from "../env";

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

let endSessionEndpoint: Promise<string | null> | undefined;

/** The identity provider's end_session_endpoint, from its discovery document (cached). */
export function identityProviderLogoutUrl(): Promise<string | null> {
  endSessionEndpoint ??= fetch(`${env().KEYCLOAK_ISSUER}/.well-known/openid-configuration`, {
    signal: AbortSignal.timeout(5000),
  })
    .then(async (response) => {
      if (!response.ok) throw new Error(`discovery answered ${response.status}`);
      const document = (await response.json()) as { end_session_endpoint?: string };
      return document.end_session_endpoint ?? null;
    })
    .catch((error: unknown) => {
      endSessionEndpoint = undefined; // try again next time
      console.error("identity provider discovery failed", error);
      return null;
    });
  return endSessionEndpoint;
}
