import { jsonError } from "@/lib/http/json-error";
import { endSessionsForLogout, InvalidLogoutToken, verifyIdentityProviderLogoutToken } from "@/lib/auth/backchannel-logout";

/**
 * OpenID Connect Back-Channel Logout: Keycloak (the client's "Backchannel
 * logout URL") posts a signed logout token here when a user's session ends at
 * the identity provider; that user's dashboard sessions end too. Server to
 * server, so no cookie and no Origin: the token's signature is the proof.
 */
export async function POST(request: Request) {
  const form = await request.formData().catch(() => null);
  const token = form?.get("logout_token");
  if (typeof token !== "string" || !token) return jsonError("invalid_request", "Send logout_token as a form field.");
  try {
    const claims = await verifyIdentityProviderLogoutToken(token);
    const ended = await endSessionsForLogout(claims);
    console.info(`back-channel logout: ${ended} session(s) ended`);
    return new Response(null, { status: 200, headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    if (error instanceof InvalidLogoutToken) {
      console.warn(error.message);
      return jsonError("invalid_request", "The logout token is not valid.");
    }
    console.error("back-channel logout failed", error);
    return jsonError("internal");
  }
}
