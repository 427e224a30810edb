import { cookies } from "next/headers";
import { env } from "@/lib/env";
import { secureCookies, sessionCookieName } from "@/lib/auth/cookies";
import { endAppSession, identityProviderLogoutUrl } from "@/lib/auth/sign-out";
import { refuseCrossSiteWrite } from "@/lib/auth/same-origin";

/**
 * Sign-out: delete the database session, clear the cookie, then end the
 * identity provider's session too (RP-initiated logout with id_token_hint),
 * which sends the browser back to /login.
 */
export async function POST(request: Request) {
  const refused = refuseCrossSiteWrite(request);
  if (refused) return refused;
  const appUrl = env().NEXTAUTH_URL;
  const cookieStore = await cookies();
  const name = sessionCookieName();
  const sessionToken = cookieStore.get(name)?.value;
  const { idToken } = sessionToken ? await endAppSession({ sessionToken }) : { idToken: null };
  // A __Secure- cookie can only be overwritten by a Secure Set-Cookie.
  cookieStore.delete({ name, path: "/", secure: secureCookies() });

  let destination = `${appUrl}/login?signedOut=1`;
  const logoutUrl = idToken ? await identityProviderLogoutUrl() : null;
  if (logoutUrl && idToken) {
    const url = new URL(logoutUrl);
    url.searchParams.set("id_token_hint", idToken);
    url.searchParams.set("post_logout_redirect_uri", `${appUrl}/login`);
    url.searchParams.set("state", "signed-out");
    destination = url.toString();
  }
  return new Response(null, { status: 303, headers: { Location: destination, "Cache-Control": "no-store" } });
}
