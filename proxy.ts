import { NextResponse, type NextRequest } from "next/server";
import { refuseUndecodableAction } from "./lib/actions/action-body";

// The proxy does not authenticate anyone (sessions live in the database and
// are checked in every layout, page, action and route handler). It only
// passes the requested path on, so that a sign-in redirect can come back to it,
// and sets the Content-Security-Policy with a fresh nonce for Next's scripts.
// It also turns server-action bodies that Next.js could not decode into a 4xx
// (Next answers them with an internal error before the action runs).
export async function proxy(request: NextRequest) {
  const refused = await refuseUndecodableAction(request);
  if (refused) return refused;
  const nonce = btoa(crypto.randomUUID());
  const dev = process.env.NODE_ENV !== "production";
  // Sign-out posts a form that redirects to the identity provider's logout
  // endpoint, and browsers apply form-action to that redirect too.
  const identityProvider = new URL(process.env.KEYCLOAK_ISSUER || "http://127.0.0.1:8080/realms/keydeck").origin;
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${dev ? " ws:" : ""}`,
    "frame-ancestors 'none'",
    `form-action 'self' ${identityProvider}`,
    "base-uri 'self'",
    "object-src 'none'",
  ].join("; ");

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", csp);
  requestHeaders.set("x-keydeck-path", request.nextUrl.pathname + request.nextUrl.search);

  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

export const config = {
  matcher: [
    {
      source: "/((?!api/|_next/static|_next/image|favicon.ico|icon.svg).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
