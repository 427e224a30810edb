import type { ClientMetadata } from "oidc-provider";

/** The realm production uses; the dev provider copies its name and paths. */
export const realmName = "keydeck";
export const realmDisplayName = "Keydeck (dev)";
export const realmPath = `/realms/${realmName}`;
/** Where Keycloak serves the realm's Admin REST API (only the group calls exist here; see admin-api.ts). */
export const adminRealmPath = `/admin/realms/${realmName}`;

export const defaultPort = 8080;
export const defaultClientId = "keydeck-dashboard";
export const defaultClientSecret = "keydeck-dev-secret";
export const defaultAppUrls = ["http://localhost:3000"];

// Bound to loopback only: anyone who can reach this process can sign in as
// any demo user.
export const host = "127.0.0.1";

export function issuerFor(port: number): string {
  return `http://${host}:${port}${realmPath}`;
}

export function adminUrlFor(port: number): string {
  return `http://${host}:${port}${adminRealmPath}`;
}

/** Keycloak's endpoint paths, relative to the realm. */
export const keycloakRoutes = {
  authorization: "/protocol/openid-connect/auth",
  token: "/protocol/openid-connect/token",
  userinfo: "/protocol/openid-connect/userinfo",
  end_session: "/protocol/openid-connect/logout",
  jwks: "/protocol/openid-connect/certs",
  pushed_authorization_request: "/protocol/openid-connect/ext/par/request",
};

/** Login form routes, served beside the provider under the realm path. */
export const interactionPath = "/interaction";

/** Lifetimes in seconds, matching Keycloak's realm defaults. */
export const ttl = {
  AccessToken: 5 * 60,
  ClientCredentials: 5 * 60,
  IdToken: 5 * 60,
  AuthorizationCode: 60,
  RefreshToken: 30 * 60, // Keycloak's "SSO Session Idle"
  Session: 10 * 60 * 60, // Keycloak's "SSO Session Max"
  Grant: 10 * 60 * 60,
  Interaction: 30 * 60, // Keycloak's "Login timeout"
};

/** Which claims each scope releases; the id token carries them too (see provider.ts). */
export const claimsByScope = {
  // In Keycloak `groups` comes from a mapper on the client's dedicated scope,
  // which every token gets whatever the app asks for. Tied to `openid` here so
  // that next-auth's "openid email profile" carries it too.
  openid: ["sub", "groups"],
  email: ["email", "email_verified"],
  profile: ["name", "given_name", "family_name", "preferred_username"],
};

/** What the dashboard is granted without a consent screen. */
export const grantedScopes = Object.keys(claimsByScope);

export interface DashboardClientOptions {
  clientId: string;
  clientSecret: string;
  appUrls: readonly string[];
}

/** The dashboard as a confidential client, the same shape as docs/keycloak/realm-keydeck.json. */
export function dashboardClient({ clientId, clientSecret, appUrls }: DashboardClientOptions): ClientMetadata {
  const bases = appUrls.map((url) => url.replace(/\/+$/, ""));
  return {
    client_id: clientId,
    client_secret: clientSecret,
    client_name: "Keydeck dashboard",
    token_endpoint_auth_method: "client_secret_basic",
    // client_credentials: the client's service account, which reads users'
    // groups through the admin API at session refresh (docs/keycloak.md).
    grant_types: ["authorization_code", "refresh_token", "client_credentials"],
    response_types: ["code"],
    id_token_signed_response_alg: "RS256",
    redirect_uris: bases.map((base) => `${base}/api/auth/callback/keycloak`),
    post_logout_redirect_uris: bases.flatMap((base) => [base, `${base}/`, `${base}/login`]),
    // Keycloak's "Backchannel logout URL" (one per client: the first app URL)
    // with "Backchannel logout session required" on.
    backchannel_logout_uri: `${bases[0]}/auth/backchannel-logout`,
    backchannel_logout_session_required: true,
  };
}
