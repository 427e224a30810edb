// The dashboard's response-header policy, in one place. proxy.ts sets the
// Content-Security-Policy (it needs a fresh nonce per request); next.config.ts
// sets the static headers. Paths under /embed/ are left alone by both: the
// embeddable page sets its own CSP with the customer's frame-ancestors.

/** Path prefixes whose responses set their own framing and CSP headers. */
export const SELF_FRAMED_PREFIXES = ["/embed/"] as const;

export function contentSecurityPolicy({ nonce, dev, identityProviderOrigin }: {
  nonce: string;
  dev: boolean;
  identityProviderOrigin: string;
}): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${dev ? " ws:" : ""}`,
    // Nobody may frame the dashboard (clickjacking); X-Frame-Options says the same to old browsers.
    "frame-ancestors 'none'",
    // Sign-out posts a form that redirects to the identity provider's logout
    // endpoint, and browsers apply form-action to that redirect too.
    `form-action 'self' ${identityProviderOrigin}`,
    "base-uri 'self'",
    "object-src 'none'",
  ].join("; ");
}

/**
 * HTTP Strict Transport Security, for the production build only (finding 10):
 * two years, subdomains of the dashboard's host included. Browsers ignore it
 * over plain http (a local `next start`, the end-to-end tests) and keep it
 * from the first https answer on, so a later http:// link or a downgrade on
 * the network cannot reach the dashboard in clear text.
 */
export const strictTransportSecurity = { key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" };

/** Headers of the production build for every response, /embed/ included. */
export const productionSecurityHeaders = [strictTransportSecurity];

/** Headers for every response, /embed/ included. */
export const staticSecurityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
];

/**
 * Headers for every response except the self-framed paths: the embed page
 * sends `Referrer-Policy: no-referrer` of its own (its URL names a
 * publishable key), and must not get two policies.
 */
export const noFramingHeaders = [
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
];
