import type { APIRequestContext, APIResponse } from "@playwright/test";
import type { Target } from "../support/app-client";
import { signEmbedToken } from "../../lib/embed/session-token";

export type { Target };

// The isolation table: one entry per server action (by exported name) and per
// route handler ("METHOD /route"). every-endpoint.spec.ts lists the actions
// from the build and the route handlers from app/**/route.ts, and fails for
// any that has no entry here, so a new endpoint cannot be forgotten.

/**
 * One argument object with every field any action takes, each with a value
 * that makes the action succeed for the target's owner. An action's case
 * names the fields it takes (the schemas are strict: extra fields are refused).
 */
export function superset(target: Target) {
  return {
    projectId: target.projectId,
    keyId: target.keyId,
    // Valid as a project's, a key's and a permission's name (definePermission).
    name: "isolation.check",
    confirmName: target.name,
    environment: "live",
    expiry: { kind: "never" },
    overlap: "now",
    // Key policy (updateKeyPolicy, renameKey) and project permissions (definePermission, removePermission):
    // the target project defines \`isolation.read\` (support/app-client.ts).
    // An allowlist, not a nullable field: null would be a valid change (clear), which bad-input.spec.ts sends as junk.
    ipAllowlist: ["203.0.113.0/24"],
    permission: "isolation.read",
    // Embed mode (setEmbedEnabled, updateEmbedOrigins, rotateEmbedSecret).
    enabled: true,
    origins: ["https://partner.example.com"],
    // Teams: a new address to invite, the target's open invitation, its
    // second owner, its group link, and an invitation for the owner's own address.
    email: `invitee-${target.projectId}@example.com`,
    role: "viewer",
    invitationId: target.invitationId,
    memberId: target.memberId,
    groupPath: `/isolation/${target.projectId}`,
    linkId: target.linkId,
    token: target.ownerInvitationToken,
    // Create requests (createProject, createKey, inviteMember, setEmbedEnabled)
    // and confirmReveal: the key the target's embed mode was switched on
    // with. For setEmbedEnabled the owner's call is a repeat of that request
    // (the first answer again); for the other creates it is a new request
    // (keys are per action); confirmReveal confirms that switch-on's reveal.
    idempotencyKey: target.embedRequestKey,
    // Webhooks: the target's endpoint and its test event's delivery. The
    // receiver is nowhere (port 9): e2e sets WEBHOOK_ALLOW_PRIVATE=1.
    url: "http://127.0.0.1:9/isolation",
    eventTypes: ["key.created"],
    endpointId: target.webhookEndpointId,
    deliveryId: target.webhookDeliveryId,
    // Leaked keys (setLeakPolicy, reportKeyLeaked, revealLeakReplacement).
    policy: "notify",
    replacementId: target.replacementId,
    // The header bell's "Mark all as read": the newest event it showed.
    throughEventId: target.eventId,
  };
}
export type Field = keyof ReturnType<typeof superset>;

export type ActionCase = {
  /** The fields of `superset` this action takes. */
  fields: Field[];
  /**
   * For an action that names no project (it acts on the caller's own data):
   * the superset fields user B smuggles in to aim it at user A's, and why
   * the answer is then a validation error rather than "not found".
   */
  smuggled?: { fields: Field[]; why: string };
  /**
   * For an action that names no project but a secret (an invitation link's
   * token): the code user B gets with user A's, and why it is not "not found".
   */
  otherUserRefusal?: { code: "forbidden"; why: string };
};

export const ACTION_CASES: Record<string, ActionCase> = {
  createProject: {
    fields: ["name", "idempotencyKey"],
    smuggled: { fields: ["projectId"], why: "it creates a project of the caller's own; its strict schema refuses a project id" },
  },
  renameProject: { fields: ["projectId", "name"] },
  deleteProject: { fields: ["projectId", "confirmName"] },
  createKey: { fields: ["projectId", "name", "environment", "expiry", "idempotencyKey"] },
  revokeKey: { fields: ["projectId", "keyId"] },
  rotateKey: { fields: ["projectId", "keyId", "overlap"] },
  updateKeyPolicy: { fields: ["projectId", "keyId", "ipAllowlist"] },
  renameKey: { fields: ["projectId", "keyId", "name"] },
  setLeakPolicy: { fields: ["projectId", "policy"] },
  reportKeyLeaked: { fields: ["projectId", "keyId", "url"] },
  revealLeakReplacement: { fields: ["projectId", "replacementId"] },
  definePermission: { fields: ["projectId", "name"] },
  removePermission: { fields: ["projectId", "permission"] },
  setEmbedEnabled: { fields: ["projectId", "enabled", "idempotencyKey"] },
  updateEmbedOrigins: { fields: ["projectId", "origins"] },
  rotateEmbedSecret: { fields: ["projectId", "overlap"] },
  revokeEmbedSecrets: { fields: ["projectId"] },
  inviteMember: { fields: ["projectId", "email", "role", "idempotencyKey"] },
  revokeInvitation: { fields: ["projectId", "invitationId"] },
  reissueInvitation: { fields: ["projectId", "invitationId"] },
  changeMemberRole: { fields: ["projectId", "memberId", "role"] },
  removeMember: { fields: ["projectId", "memberId"] },
  transferOwnership: { fields: ["projectId", "memberId"] },
  leaveProject: { fields: ["projectId"] },
  linkGroup: { fields: ["projectId", "groupPath", "role"] },
  // The description is optional (none, or unchanged): like definePermission's, it is not sent.
  createWebhookEndpoint: { fields: ["projectId", "url", "eventTypes", "idempotencyKey"] },
  updateWebhookEndpoint: { fields: ["projectId", "endpointId", "url", "eventTypes"] },
  setWebhookEndpointEnabled: { fields: ["projectId", "endpointId", "enabled"] },
  rotateWebhookSecret: { fields: ["projectId", "endpointId", "overlap"] },
  deleteWebhookEndpoint: { fields: ["projectId", "endpointId"] },
  sendTestWebhook: { fields: ["projectId", "endpointId"] },
  resendWebhook: { fields: ["projectId", "deliveryId"] },
  unlinkGroup: { fields: ["projectId", "linkId"] },
  // Names no project: it acts on the caller's own create requests, by key.
  // User B has none with A's key, so B's answer is "not found" like a project's.
  confirmReveal: { fields: ["idempotencyKey"] },
  // Names no project: the caller's own read state, up to an event of one of
  // their projects. B's answer with A's event is "not found" like a project's.
  markNotificationsRead: { fields: ["throughEventId"] },
  acceptInvitation: {
    fields: ["token"],
    otherUserRefusal: { code: "forbidden", why: "the token is the invitation: whoever holds it learns only whom it is for, and only that address can use it" },
  },
  declineInvitation: {
    fields: ["token"],
    otherUserRefusal: { code: "forbidden", why: "as acceptInvitation" },
  },
};

export type Caller = "owner" | "otherUser" | "signedOut";

export type RouteCall = {
  request: APIRequestContext;
  target: Target;
  url: string;
  origin: string;
  caller: Caller;
  /** A signed-in request context on a session of its own, for calls that end the session. */
  disposableSession: () => Promise<APIRequestContext>;
};

export type RouteCase = {
  url: (target: Target) => string;
  /** The status for the target's owner (the sanity check), user B with A's ids, and a signed-out caller. */
  status: Record<Caller, number>;
  /** For a route that names no project: why, and what B's answer is checked for instead (no A data in it). */
  noTenantInput?: string;
  /** For a route authenticated by something other than the dashboard session: why its refusals are not the JSON error body. */
  ownCredentials?: string;
  /** The owner's answer names the target (its id, slug or key id): proof that the leak check on B's answer would see one. */
  ownerSeesTarget?: boolean;
  /** Defaults to a GET (or POST) of `url` with the caller's cookies. */
  send?: (call: RouteCall) => Promise<APIResponse>;
};

const keycloakSignIn = async ({ request, url }: RouteCall) => {
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  return request.post(url, { form: { csrfToken, callbackUrl: "/projects" }, maxRedirects: 0 });
};

export const ROUTE_CASES: Record<string, RouteCase> = {
  "GET /api/projects/[projectId]/webhooks": {
    url: (t) => `/api/projects/${t.projectId}/webhooks`,
    status: { owner: 200, otherUser: 404, signedOut: 401 },
    ownerSeesTarget: true,
  },
  "GET /api/projects/[projectId]/webhooks/attempts": {
    url: (t) => `/api/projects/${t.projectId}/webhooks/attempts?endpoint=${t.webhookEndpointId}`,
    status: { owner: 200, otherUser: 404, signedOut: 401 },
  },
  "GET /api/projects/[projectId]/embed": {
    url: (t) => `/api/projects/${t.projectId}/embed`,
    status: { owner: 200, otherUser: 404, signedOut: 401 },
    ownerSeesTarget: true,
  },
  "GET /embed/[publishableKey]": {
    url: (t) => `/embed/${t.publishableKey}`,
    // A dashboard session grants nothing here: the owner too needs an embed
    // session token, signed with the secret shown when embed mode went on.
    status: { owner: 303, otherUser: 401, signedOut: 401 },
    ownCredentials: "the embed page is opened by an embed session token (then its own cookie), never by the dashboard session; refusals are an HTML page",
    send: async ({ request, url, caller, target }) => {
      if (caller !== "owner") return request.get(url, { maxRedirects: 0 });
      const { token } = signEmbedToken({ projectId: target.projectId, publishableKey: target.publishableKey, ttlSeconds: 120 }, target.embedSecret);
      return request.get(`${url}?session=${encodeURIComponent(token)}`, { maxRedirects: 0 });
    },
  },
  "GET /embed/fonts/geist-sans.woff2": {
    url: () => "/embed/fonts/geist-sans.woff2",
    status: { owner: 200, otherUser: 200, signedOut: 200 },
    noTenantInput: "the embed widget's font file: the same public bytes for everyone, nothing about any project",
  },
  "GET /api/projects": {
    url: () => "/api/projects",
    status: { owner: 200, otherUser: 200, signedOut: 401 },
    noTenantInput: "lists the caller's own projects",
    ownerSeesTarget: true,
  },
  "GET /api/notifications": {
    url: () => "/api/notifications",
    status: { owner: 200, otherUser: 200, signedOut: 401 },
    noTenantInput: "the header bell's events of the caller's own projects",
    ownerSeesTarget: true,
  },
  "GET /api/projects/[projectId]/keys": {
    url: (t) => `/api/projects/${t.projectId}/keys?status=all`,
    status: { owner: 200, otherUser: 404, signedOut: 401 },
    ownerSeesTarget: true,
  },
  "GET /api/projects/[projectId]/usage/series": {
    url: (t) => `/api/projects/${t.projectId}/usage/series?range=7d&tz=UTC`,
    status: { owner: 200, otherUser: 404, signedOut: 401 },
  },
  "GET /api/projects/[projectId]/usage/export": {
    url: (t) => `/api/projects/${t.projectId}/usage/export?range=7d&tz=UTC`,
    status: { owner: 200, otherUser: 404, signedOut: 401 },
  },
  "GET /api/projects/[projectId]/usage/summary": {
    url: (t) => `/api/projects/${t.projectId}/usage/summary?tz=UTC`,
    status: { owner: 200, otherUser: 404, signedOut: 401 },
  },
  "GET /api/auth/[...nextauth]": {
    url: () => "/api/auth/session",
    status: { owner: 200, otherUser: 200, signedOut: 200 },
    noTenantInput: "next-auth's endpoints (session, providers, CSRF token) answer about the caller only; signed out, the session is {}",
  },
  "POST /api/auth/[...nextauth]": {
    url: () => "/api/auth/signin/keycloak",
    status: { owner: 302, otherUser: 302, signedOut: 302 },
    noTenantInput: "starting a sign-in (a redirect to the identity provider) is public by design",
    send: keycloakSignIn,
  },
  "POST /auth/backchannel-logout": {
    url: () => "/auth/backchannel-logout",
    // Every caller presents a token the identity provider did not sign; a real
    // one ending sessions is e2e/security/sessions.spec.ts's.
    status: { owner: 400, otherUser: 400, signedOut: 400 },
    noTenantInput: "it names users only through a logout token signed by the identity provider, never through the caller's cookie",
    ownCredentials: "authenticated by the identity provider's signed logout token, not the dashboard session",
    send: ({ request, url }) =>
      request.post(url, { form: { logout_token: "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJub2JvZHkifQ.c2lnbmF0dXJl" }, maxRedirects: 0 }),
  },
  "POST /auth/sign-out": {
    url: () => "/auth/sign-out",
    // B's call comes from a foreign origin (CSRF guard) because a same-origin
    // one would end B's own session; the owner's ends a disposable session.
    status: { owner: 303, otherUser: 403, signedOut: 303 },
    noTenantInput: "it ends the caller's own session, named by the cookie only",
    send: async ({ request, url, origin, caller, disposableSession }) => {
      const client = caller === "owner" ? await disposableSession() : request;
      const from = caller === "otherUser" ? "https://attacker.example" : origin;
      return client.post(url, { headers: { Origin: from }, maxRedirects: 0 });
    },
  },
};
