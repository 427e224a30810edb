import { NextResponse, type NextRequest } from "next/server";
import { refuseUndecodableAction } from "./proxy-guard";
import { contentSecurityPolicy } from "./lib/security/headers";
import { env } from "./lib/env";

// The proxy does not authenticate anyone (sessions live in the database and
// are checked in every layout, page, action and route handler), so skipping
// it, as with the x-middleware-subrequest trick, gets nobody any data. It
// passes the requested path on, so that a sign-in redirect can come back to
// it, and sets the Content-Security-Policy with a fresh nonce for Next's
// scripts on every response: pages, route handlers, redirects and errors.
// It also turns server-action bodies that Next.js could not decode into a 4xx
// (Next answers them with an internal error before the action runs).
export async function proxy(request: NextRequest) {
  const refused = await refuseUndecodableAction(request);
  if (refused) return refused;
  const nonce = btoa(crypto.randomUUID());
  const config = env();
  const csp = contentSecurityPolicy({
    nonce,
    // Only `next dev` needs eval and its websocket; any other NODE_ENV gets the strict policy.
    dev: config.NODE_ENV === "development",
    identityProviderOrigin: new URL(config.KEYCLOAK_ISSUER).origin,
  });

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", csp);
  requestHeaders.set("x-keydeck-path", request.nextUrl.pathname + request.nextUrl.search);

  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

export const config = {
  // Everything but the build's static files, and /embed/ (lib/security/headers.ts:
  // SELF_FRAMED_PREFIXES), whose route sets its own CSP. Files in public/
  // (icons, the manifest) get the same CSP as pages. A matcher must be a
  // literal, so the prefix is repeated here.
  matcher: ["/((?!_next/static|_next/image|embed/).*)"],
};
