import { db } from "../db";
import { env } from "../env";
import { syncSignInGroups } from "../teams/group-grants";

export type KeycloakClient = { issuer: string; clientId: string; clientSecret: string };

const TIMEOUT_MS = 3_000;

/** The realm's admin API base: Keycloak serves it beside the realm, at /admin/realms/<realm>. */
export function adminBaseFor(issuer: string): string {
  const url = new URL(issuer);
  url.pathname = url.pathname.replace(/\/realms\//, "/admin/realms/");
  return url.toString().replace(/\/+$/, "");
}

type CachedToken = { value: string; expiresAt: number };
const tokens = new Map<string, CachedToken>();

/** A token of the client's service account (client-credentials grant), reused until shortly before it expires. */
async function serviceAccountToken(client: KeycloakClient): Promise<string> {
  const cacheKey = `${client.issuer}\0${client.clientId}\0${client.clientSecret}`;
  const cached = tokens.get(cacheKey);
  if (cached && cached.expiresAt > Date.now()) return cached.value;
  const response = await fetch(`${client.issuer.replace(/\/+$/, "")}/protocol/openid-connect/token`, {
    method: "POST",
    headers: {
      authorization: `Basic ${Buffer.from(`${encodeURIComponent(client.clientId)}:${encodeURIComponent(client.clientSecret)}`).toString("base64")}`,
      "content-type": "application/x-www-form-urlencoded",
    },
    body: new URLSearchParams({ grant_type: "client_credentials" }),
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  if (!response.ok) throw new Error(`the client-credentials grant was refused (${response.status}): is "Service accounts roles" on for the client?`);
  const body = (await response.json()) as { access_token?: string; expires_in?: number };
  if (!body.access_token) throw new Error("the token endpoint answered without an access token");
  // A 30-second margin: a token used just as it expires would be refused.
  tokens.set(cacheKey, { value: body.access_token, expiresAt: Date.now() + Math.max(0, (body.expires_in ?? 60) - 30) * 1000 });
  return body.access_token;
}

/**
 * A user's groups now (full paths), from Keycloak's admin API, as the
 * client's service account (it needs realm-management's view-users role;
 * docs/keycloak.md). Returns null for a user Keycloak no longer knows.
 */
export async function fetchKeycloakGroups(client: KeycloakClient, sub: string): Promise<string[] | null> {
  const token = await serviceAccountToken(client);
  const response = await fetch(`${adminBaseFor(client.issuer)}/users/${encodeURIComponent(sub)}/groups?briefRepresentation=true`, {
    headers: { authorization: `Bearer ${token}` },
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  if (response.status === 404) return null;
  if (!response.ok) throw new Error(`the admin API refused to list a user's groups (${response.status}): does the client's service account have view-users?`);
  const groups = (await response.json()) as { path?: unknown }[];
  return [...new Set(groups.flatMap((group) => (typeof group.path === "string" && group.path.startsWith("/") ? [group.path] : [])))].sort();
}

const configuredClient = (): KeycloakClient => {
  const config = env();
  return { issuer: config.KEYCLOAK_ISSUER, clientId: config.KEYCLOAK_CLIENT_ID, clientSecret: config.KEYCLOAK_CLIENT_SECRET };
};

/**
 * At session refresh (next-auth moves a session's expiry on, at most every
 * 15 minutes of use): the user's groups are read from Keycloak again and the
 * links applied, so leaving a group takes effect without a new sign-in. A
 * user Keycloak has deleted is in no group. Nothing is asked of Keycloak
 * while no project links a group. A Keycloak that cannot be reached changes
 * nothing and is logged: the next refresh tries again.
 */
export async function refreshGroupsAtSessionRefresh(userId: string, client: KeycloakClient = configuredClient()): Promise<void> {
  if (!(await db.groupLink.findFirst({ select: { id: true } }))) return;
  const account = await db.account.findFirst({ where: { userId, provider: "keycloak" }, select: { providerAccountId: true } });
  if (!account) return;
  try {
    const groups = await fetchKeycloakGroups(client, account.providerAccountId);
    await syncSignInGroups(userId, groups ?? []);
  } catch (error) {
    console.warn(`group refresh for user ${userId} skipped: ${error instanceof Error ? error.message : String(error)}`);
  }
}
