import { env } from "../env";

/**
 * next-auth's cookies are Secure in production and whenever the app is served
 * over HTTPS. Browsers accept Secure cookies from http://localhost too, so a
 * production build tried out locally still signs in; anywhere else production
 * needs HTTPS (lib/env.ts refuses a plain-http NEXTAUTH_URL there).
 */
export function secureCookies(): boolean {
  const config = env();
  return config.NODE_ENV === "production" || config.NEXTAUTH_URL.startsWith("https://");
}

/** next-auth's session cookie name: `__Secure-` prefixed when the cookies are Secure. */
export function sessionCookieName(): string {
  return secureCookies() ? "__Secure-next-auth.session-token" : "next-auth.session-token";
}
