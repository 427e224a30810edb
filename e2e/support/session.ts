import type { BrowserContext } from "@playwright/test";

/**
 * next-auth's session cookie. The tests run the production build, whose
 * cookies are Secure and so `__Secure-` prefixed (lib/auth/cookies.ts);
 * Chromium keeps Secure cookies from http://localhost.
 */
export const SESSION_COOKIE = "__Secure-next-auth.session-token";

/** The context's session cookie, or undefined when signed out. */
export async function sessionCookie(context: BrowserContext) {
  return (await context.cookies()).find((cookie) => cookie.name === SESSION_COOKIE);
}
