import { randomUUID } from "node:crypto";
import type { KoaContextWithOIDC, Provider } from "oidc-provider";
import {
  claimsByScope,
  dashboardClient,
  grantedScopes,
  interactionPath,
  keycloakRoutes,
  realmPath,
  ttl,
  type DashboardClientOptions,
} from "./config";
import type { GroupMemberships } from "./groups";
import type { DevIdpKeys } from "./keys";
import { renderErrorPage, renderLogoutPage, renderSignedOutPage } from "./login-page";
import { createMemoryAdapter } from "./memory-adapter";
import { claimsFor, findUserBySub } from "./users";

export interface DevIdpProviderOptions extends DashboardClientOptions {
  issuer: string;
  keys: DevIdpKeys;
  /** Read each time a token or userinfo is built, so a change shows from the next one on. */
  memberships: GroupMemberships;
  log: (line: string) => void;
}

/** oidc-provider configured as the `keydeck` realm of a Keycloak. */
export async function createDevIdpProvider(options: DevIdpProviderOptions): Promise<Provider> {
  const { issuer, keys, memberships, log, appUrls } = options;
  const appOrigins = new Set(appUrls.map((url) => new URL(url).origin));
  const ProviderClass = (await import("oidc-provider")).Provider;

  const provider = new ProviderClass(issuer, {
    adapter: createMemoryAdapter(),
    clients: [dashboardClient(options)],
    jwks: keys.jwks,
    cookies: { keys: keys.cookieKeys },
    routes: keycloakRoutes,
    claims: claimsByScope,
    responseTypes: ["code"],
    ttl,
    // Keycloak puts email and name in the id token, and next-auth's Keycloak
    // provider reads the profile from it alone (it never calls userinfo).
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    // Keycloak hands out refresh tokens without the offline_access scope.
    issueRefreshToken: (_ctx, client) => client.grantTypeAllowed("refresh_token"),
    clientBasedCORS: (_ctx, origin) => appOrigins.has(origin),
    interactions: { url: (_ctx, interaction) => `${realmPath}${interactionPath}/${interaction.uid}` },
    // oidc-provider refuses to connect to loopback and private addresses
    // (SSRF protection). The app it posts back-channel logout tokens to runs
    // on this machine in development, so requests to the app's own origins
    // go out without that guard; every other URL keeps it.
    fetch: (url, init) => {
      if (!appOrigins.has(new URL(url).origin)) return fetch(url, init);
      return fetch(url, { ...init, dispatcher: undefined } as RequestInit);
    },
    features: {
      devInteractions: { enabled: false },
      userinfo: { enabled: true },
      // Keycloak's "Service accounts roles" on the dashboard client.
      clientCredentials: { enabled: true },
      // Ending a session here (logout at the provider, or the app's
      // RP-initiated logout) posts a logout token to the app, as Keycloak does.
      backchannelLogout: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx, form) => {
          ctx.type = "html";
          ctx.body = renderLogoutPage(form, { confirmed: Boolean(ctx.oidc.params.id_token_hint) });
        },
        postLogoutSuccessSource: (ctx) => {
          ctx.type = "html";
          ctx.body = renderSignedOutPage({ appUrl: appUrls[0] });
        },
      },
    },
    findAccount: (_ctx, sub) => {
      const user = findUserBySub(sub);
      return user && {
        accountId: user.sub,
        claims: () => claimsFor(user, memberships.groupsOf(user.sub).map((group) => group.path)),
      };
    },
    // The dashboard is first-party: like Keycloak with consent off, it gets
    // what it asks for and the user never sees a consent screen.
    loadExistingGrant: async (ctx) => {
      const { client, session, account } = ctx.oidc;
      if (!client || !session || !account) return undefined;
      const grantId = session.grantIdFor(client.clientId);
      const grant = (grantId && (await ctx.oidc.provider.Grant.find(grantId)))
        || new ctx.oidc.provider.Grant({ accountId: account.accountId, clientId: client.clientId });
      // Deduplicated here: a grant's first addOIDCScope keeps the string as given.
      grant.addOIDCScope([...new Set([...grantedScopes, ...ctx.oidc.requestParamOIDCScopes])].join(" "));
      grant.addOIDCClaims([...ctx.oidc.requestParamClaims]);
      await grant.save();
      return grant;
    },
    renderError: (ctx, out) => {
      ctx.type = "html";
      ctx.body = renderErrorPage(out.error_description ?? out.error);
    },
  });

  provider.use(addKeycloakTokenFields);
  provider.on("end_session.success", (ctx) => {
    const user = ctx.oidc.session?.accountId ? findUserBySub(ctx.oidc.session.accountId) : undefined;
    if (user) log(`dev-idp: ${user.username} signed out`);
  });
  // The app only sees an opaque failure; the reason is worth a line here.
  provider.on("backchannel.error", (_ctx, error, client) => {
    const cause = error.cause instanceof Error ? ` (${error.cause.message})` : "";
    log(`dev-idp: back-channel logout to ${client.clientId} failed: ${error.message}${cause}`);
  });
  for (const event of ["grant.error", "authorization.error", "end_session.error", "server_error"] as const) {
    provider.on(event, (_ctx, error) => {
      log(`dev-idp: ${event}: ${error.error ?? error.name}${error.error_description ? ` (${error.error_description})` : ""}`);
    });
  }
  return provider;
}

/**
 * Keycloak's token response carries `refresh_expires_in`, `not-before-policy`
 * and `session_state` besides the standard fields. next-auth stores the whole
 * response in the Account row, so dev must send them too or a schema that
 * only works in dev slips through to production.
 */
async function addKeycloakTokenFields(ctx: KoaContextWithOIDC, next: () => Promise<void>): Promise<void> {
  await next();
  if (ctx.oidc?.route !== "token" || ctx.status !== 200 || !isRecord(ctx.body)) return;
  const { AuthorizationCode, RefreshToken } = ctx.oidc.entities;
  ctx.body = {
    ...ctx.body,
    refresh_expires_in: RefreshToken?.remainingTTL ?? 0,
    "not-before-policy": 0,
    // Keycloak's session_state is its session id, the `sid` of its id and
    // logout tokens; the app finds sid-only logout tokens' users by it.
    session_state: AuthorizationCode?.sid ?? RefreshToken?.sid ?? randomUUID(),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Buffer.isBuffer(value);
}

