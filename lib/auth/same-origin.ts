import { env } from "../env";

/**
 * Cookie-authenticated POSTs must come from the dashboard's own pages:
 * a missing or foreign Origin is a cross-site request and is refused.
 */
export function isSameOrigin(request: Request): boolean {
  const origin = request.headers.get("origin");
  return origin !== null && origin === new URL(env().NEXTAUTH_URL).origin;
}
