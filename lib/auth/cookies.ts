import { env } from "../env";

/** next-auth's session cookie name: `__Secure-` prefixed when the app is served over HTTPS. */
export function sessionCookieName(): string {
  return env().NEXTAUTH_URL.startsWith("https://") ? "__Secure-next-auth.session-token" : "next-auth.session-token";
}
