import { env } from "../env";
import { jsonError } from "../http/json-error";

/** Methods that change nothing; every other method is a write and must be same-origin. */
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Cookie-authenticated writes must come from the dashboard's own pages: a
 * missing or foreign Origin is a cross-site (or hand-made) request and is
 * refused. Browsers send Origin on every POST, same-origin ones included, and
 * a page cannot forge it. (Next.js's own check for server actions compares
 * Origin with Host but lets a missing Origin through.)
 */
export function isSameOrigin(origin: string | null | undefined): boolean {
  return typeof origin === "string" && origin === new URL(env().NEXTAUTH_URL).origin;
}

/** For route handlers: the 403 to answer a cross-site write with, or null to go on. */
export function refuseCrossSiteWrite(request: Request): Response | null {
  if (SAFE_METHODS.has(request.method.toUpperCase()) || isSameOrigin(request.headers.get("origin"))) return null;
  return jsonError("forbidden", CROSS_SITE_MESSAGE);
}

export const CROSS_SITE_MESSAGE = "Cross-site request refused.";
