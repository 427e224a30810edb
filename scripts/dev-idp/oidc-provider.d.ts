// oidc-provider ships no types and @types/oidc-provider is not installed.
// This declares only the surface the dev identity provider uses, so a
// misspelt option or method still fails the type check.
declare module "oidc-provider" {
  import type { IncomingMessage, ServerResponse } from "node:http";
  import type { JsonWebKey } from "node:crypto";

  export type AdapterPayload = {
    [key: string]: unknown;
    grantId?: string;
    uid?: string;
    userCode?: string;
    consumed?: number;
  };

  export interface Adapter {
    upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void>;
    find(id: string): Promise<AdapterPayload | undefined>;
    findByUid(uid: string): Promise<AdapterPayload | undefined>;
    findByUserCode(userCode: string): Promise<AdapterPayload | undefined>;
    consume(id: string): Promise<void>;
    destroy(id: string): Promise<void>;
    revokeByGrantId(grantId: string): Promise<void>;
  }

  export interface ClientMetadata {
    client_id: string;
    client_secret?: string;
    client_name?: string;
    token_endpoint_auth_method?: "client_secret_basic" | "client_secret_post" | "none";
    grant_types?: string[];
    response_types?: string[];
    redirect_uris: string[];
    post_logout_redirect_uris?: string[];
    id_token_signed_response_alg?: string;
    backchannel_logout_uri?: string;
    backchannel_logout_session_required?: boolean;
  }

  export interface Client {
    clientId: string;
    grantTypeAllowed(grantType: string): boolean;
  }

  export interface Account {
    accountId: string;
    claims(use: string, scope: string): Promise<Record<string, unknown>> | Record<string, unknown>;
  }

  export interface Grant {
    jti: string;
    accountId: string;
    clientId: string;
    addOIDCScope(scope: string): void;
    addOIDCClaims(claims: string[]): void;
    save(): Promise<string>;
  }

  export interface GrantConstructor {
    new (properties: { accountId: string; clientId: string }): Grant;
    find(id: string): Promise<Grant | undefined>;
  }

  /** The parts of a stored token the Keycloak imitation reads. */
  export interface TokenEntity {
    sessionUid?: string;
    /** The session's id for this client: the `sid` of id and logout tokens. */
    sid?: string;
    readonly remainingTTL: number;
  }

  export interface Session {
    accountId?: string;
    uid: string;
    grantIdFor(clientId: string): string | undefined;
  }

  export interface OIDCContext {
    readonly route: string;
    readonly params: Record<string, unknown>;
    readonly client?: Client;
    readonly session?: Session;
    readonly account?: Account;
    readonly entities: {
      readonly AuthorizationCode?: TokenEntity;
      readonly RefreshToken?: TokenEntity;
      readonly Client?: Client;
    };
    readonly requestParamOIDCScopes: Set<string>;
    readonly requestParamClaims: Set<string>;
    readonly provider: Provider;
  }

  export interface KoaContextWithOIDC {
    /** Defined only once a provider route has matched. */
    oidc?: OIDCContext;
    body: unknown;
    type: string;
    status: number;
    method: string;
    path: string;
  }

  /** Inside the provider's own hooks `oidc` is always present. */
  export type ProviderContext = KoaContextWithOIDC & { oidc: OIDCContext };

  export interface ErrorOut {
    error: string;
    error_description?: string;
    [key: string]: unknown;
  }

  export interface ProviderError extends Error {
    error?: string;
    error_description?: string;
  }

  export interface Interaction {
    uid: string;
    prompt: { name: string; reasons: string[] };
    params: Record<string, unknown>;
    returnTo: string;
  }

  export interface InteractionResults {
    login?: { accountId: string; remember?: boolean };
    consent?: { grantId: string };
  }

  type Awaitable<T> = T | Promise<T>;

  export interface Configuration {
    adapter?: (model: string) => Adapter;
    clients?: ClientMetadata[];
    jwks?: { keys: JsonWebKey[] };
    cookies?: { keys?: string[] };
    claims?: Record<string, string[]>;
    scopes?: string[];
    responseTypes?: string[];
    conformIdTokenClaims?: boolean;
    findAccount?: (ctx: ProviderContext, sub: string) => Awaitable<Account | undefined>;
    loadExistingGrant?: (ctx: ProviderContext) => Awaitable<Grant | undefined>;
    issueRefreshToken?: (ctx: ProviderContext, client: Client) => Awaitable<boolean>;
    clientBasedCORS?: (ctx: ProviderContext, origin: string, client: Client) => boolean;
    /** Outgoing requests (back-channel logout); `init` carries oidc-provider's SSRF-guarding dispatcher. */
    fetch?: (url: string | URL, init: RequestInit) => Promise<Response>;
    interactions?: { url?: (ctx: ProviderContext, interaction: Interaction) => Awaitable<string> };
    features?: {
      devInteractions?: { enabled: boolean };
      userinfo?: { enabled: boolean };
      clientCredentials?: { enabled: boolean };
      backchannelLogout?: { enabled: boolean };
      rpInitiatedLogout?: {
        enabled: boolean;
        logoutSource?: (ctx: ProviderContext, form: string) => Awaitable<void>;
        postLogoutSuccessSource?: (ctx: ProviderContext) => Awaitable<void>;
      };
    };
    pkce?: { required?: (ctx: ProviderContext, client: Client) => boolean };
    routes?: Partial<Record<
      "authorization" | "token" | "userinfo" | "end_session" | "jwks" | "pushed_authorization_request",
      string
    >>;
    ttl?: Partial<Record<
      "AccessToken" | "AuthorizationCode" | "ClientCredentials" | "IdToken" | "RefreshToken" | "Interaction" | "Session" | "Grant",
      number
    >>;
    renderError?: (ctx: ProviderContext, out: ErrorOut, error: Error) => Awaitable<void>;
  }

  type Middleware = (ctx: KoaContextWithOIDC, next: () => Promise<void>) => Promise<void>;

  export class Provider {
    constructor(issuer: string, configuration: Configuration);
    readonly issuer: string;
    readonly Grant: GrantConstructor;
    /** Tokens of the client-credentials grant (a client's own, no user). */
    readonly ClientCredentials: { find(token: string): Promise<{ clientId: string } | undefined> };
    callback(): (req: IncomingMessage, res: ServerResponse) => Promise<void>;
    use(middleware: Middleware): this;
    on(event: "end_session.success", listener: (ctx: ProviderContext) => void): this;
    on(
      event: "server_error" | "grant.error" | "authorization.error" | "end_session.error" | "userinfo.error",
      listener: (ctx: KoaContextWithOIDC, error: ProviderError) => void,
    ): this;
    on(event: "backchannel.error", listener: (ctx: KoaContextWithOIDC, error: Error, client: Client) => void): this;
    interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<Interaction>;
    interactionFinished(
      req: IncomingMessage,
      res: ServerResponse,
      result: InteractionResults,
      options?: { mergeWithLastSubmission?: boolean },
    ): Promise<void>;
  }

  export default Provider;
}
