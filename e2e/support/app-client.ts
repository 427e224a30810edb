import { createHash, randomBytes, randomUUID } from "node:crypto";
import { request as playwrightRequest, type APIRequestContext } from "@playwright/test";
import { query } from "./db";
import { uniqueName } from "./sign-in";
import { UNKNOWN_INVITATION_TOKEN, UNKNOWN_KEY_ID } from "./routes";
import { builtServerActions, callAction, type ActionAnswer, type ServerAction } from "./server-actions";
import { storageStateOf } from "./users";
import type { DevUser } from "../../scripts/dev-idp/users";

/** A project of user A (the owner) with one active key. */
export type Target = {
  projectId: string;
  slug: string;
  name: string;
  keyId: string;
  keyHint: string;
  ownerEmail: string;
  /** Embed mode is on: its publishable key, and the signing secret shown when it was switched on. */
  publishableKey: string;
  embedSecret: string;
  /** Teams: an open invitation, a second owner, a linked group, and an open invitation for the owner's own address. */
  invitationId: string;
  memberId: string;
  linkId: string;
  ownerInvitationToken: string;
  /** The idempotency key embed mode was switched on with: its signing secret's reveal is still unconfirmed. */
  embedRequestKey: string;
  /** A webhook endpoint (to nowhere) and the delivery of a test event to it. */
  webhookEndpointId: string;
  webhookDeliveryId: string;
  /** A leaked key's replacement waiting to be revealed (a second key, reported under the "replace" policy). */
  replacementId: string;
  /** The newest of the project's events (the header bell's "Mark all as read" names one). */
  eventId: string;
};

/** Signed-in (or, without a user, signed-out) HTTP access to the app, as a browser would have it. */
export async function clientFor(baseURL: string, user?: DevUser, cookie?: string) {
  const request = await playwrightRequest.newContext({
    baseURL,
    ...(user ? { storageState: storageStateOf(user) } : {}),
    ...(cookie ? { extraHTTPHeaders: { Cookie: cookie } } : {}),
  });
  return new AppClient(request, new URL(baseURL).origin);
}

export class AppClient {
  readonly actions: ServerAction[] = builtServerActions();
  constructor(
    readonly request: APIRequestContext,
    readonly origin: string,
  ) {}

  action(name: string): ServerAction {
    const found = this.actions.find((a) => a.name === name);
    if (!found) throw new Error(`the build has no server action named ${name}`);
    return found;
  }

  /**
   * The URL of the page the browser posts an action from, for a project slug.
   * The invitation page's token and the key page's id are placeholders: the
   * actions posted from them name their invitation or key in their own argument.
   */
  pageUrl(action: ServerAction, slug: string): string {
    const values: Record<string, string> = { slug, token: UNKNOWN_INVITATION_TOKEN, keyId: UNKNOWN_KEY_ID };
    return action.page.replace(/\[([^\]]+)\]/g, (_, param: string) => {
      const value = values[param];
      if (value === undefined) throw new Error(`no value for the page parameter [${param}] of ${action.page}`);
      return value;
    });
  }

  call(action: ServerAction, slug: string, args: unknown[]): Promise<ActionAnswer> {
    return callAction(this.request, { action, pageUrl: this.pageUrl(action, slug), origin: this.origin, args });
  }

  /** Calls an action that must succeed and returns its data. */
  async ok<T>(name: string, slug: string, input: unknown): Promise<T> {
    const answer = await this.call(this.action(name), slug, [input]);
    const result = answer.result as { ok?: boolean; data?: T } | undefined;
    if (!result?.ok) throw new Error(`${name} failed: ${answer.status} ${answer.body.slice(0, 500)}`);
    return result.data as T;
  }

  dispose() {
    return this.request.dispose();
  }
}

/** A new project of the client's user with one live key and embed mode on, made through the actions. */
export async function createTarget(owner: AppClient, user: DevUser): Promise<Target> {
  const project = await owner.ok<{ id: string; name: string; slug: string }>("createProject", "", { name: uniqueName("Isolation"), idempotencyKey: randomUUID() });
  const key = await owner.ok<{ id: string; hint: string }>("createKey", project.slug, {
    projectId: project.id,
    name: "isolation key",
    environment: "live",
    expiry: { kind: "never" },
    idempotencyKey: randomUUID(),
  });
  // Written directly: the target must not depend on a page using the definePermission action.
  await query("INSERT INTO project_permissions (id, project_id, name) VALUES ($1, $2, 'isolation.read')", [`pp${randomUUID().replaceAll("-", "")}`, project.id]);
  const embedRequestKey = randomUUID();
  const embed = await owner.ok<{ settings: { publishableKey: string }; secret: { plaintext: string } }>("setEmbedEnabled", project.slug, {
    projectId: project.id,
    enabled: true,
    idempotencyKey: embedRequestKey,
  });
  const invitation = await owner.ok<{ id: string }>("inviteMember", project.slug, {
    projectId: project.id,
    email: `pending-${project.id}@example.com`,
    role: "developer",
    idempotencyKey: randomUUID(),
  });
  const link = await owner.ok<{ id: string }>("linkGroup", project.slug, { projectId: project.id, groupPath: `/isolation/${project.id}-linked`, role: "viewer" });
  const memberId = await addSecondOwner(project.id);
  const ownerInvitationToken = await inviteDirectly(project.id, user.email);
  const endpoint = await owner.ok<{ endpoint: { id: string } }>("createWebhookEndpoint", project.slug, {
    projectId: project.id,
    url: "http://127.0.0.1:9/isolation",
    description: "isolation endpoint",
    eventTypes: ["key.created"],
    idempotencyKey: randomUUID(),
  });
  const test = await owner.ok<{ deliveryId: string }>("sendTestWebhook", project.slug, { projectId: project.id, endpointId: endpoint.endpoint.id });
  const replacementId = await leakedKeyReplacement(owner, project);
  const [event] = await query<{ id: string }>("SELECT id FROM project_events WHERE project_id = $1 AND type <> 'webhook.test' ORDER BY created_at DESC LIMIT 1", [project.id]);
  return {
    projectId: project.id,
    slug: project.slug,
    name: project.name,
    keyId: key.id,
    keyHint: key.hint,
    ownerEmail: user.email,
    publishableKey: embed.settings.publishableKey,
    embedSecret: embed.secret.plaintext,
    invitationId: invitation.id,
    memberId,
    linkId: link.id,
    ownerInvitationToken,
    embedRequestKey,
    webhookEndpointId: endpoint.endpoint.id,
    webhookDeliveryId: test.deliveryId,
    replacementId,
    eventId: event!.id,
  };
}

/** A second key reported leaked under the "replace" policy, the policy then back to its default: the replacement's id. */
async function leakedKeyReplacement(owner: AppClient, project: { id: string; slug: string }): Promise<string> {
  const leaked = await owner.ok<{ id: string }>("createKey", project.slug, { projectId: project.id, name: "leaked key", environment: "test", expiry: { kind: "never" }, idempotencyKey: randomUUID() });
  await query("UPDATE projects SET leak_policy = 'replace' WHERE id = $1", [project.id]);
  await owner.ok("reportKeyLeaked", project.slug, { projectId: project.id, keyId: leaked.id, url: "the isolation fixture" });
  await query("UPDATE projects SET leak_policy = 'revoke' WHERE id = $1", [project.id]);
  const rows = await query<{ id: string }>("SELECT id FROM leak_replacements WHERE project_id = $1", [project.id]);
  return rows[0]!.id;
}

/**
 * A second owner (a person who never signs in), so that the owner may
 * leave, remove and demote: written directly, as an accepted invitation would.
 */
async function addSecondOwner(projectId: string): Promise<string> {
  const userId = randomUUID();
  const memberId = `m${randomUUID().replaceAll("-", "")}`;
  await query("INSERT INTO users (id, name, email, updated_at) VALUES ($1, 'Second Owner', $2, now())", [userId, `second-owner-${userId}@example.com`]);
  await query("INSERT INTO memberships (id, project_id, user_id, role, direct_role) VALUES ($1, $2, $3, 'owner', 'owner')", [memberId, projectId, userId]);
  return memberId;
}

/**
 * An open invitation to the owner's own address (which the invite action
 * refuses for a member), so that accepting and declining have a token the
 * owner may use. Only its hash is stored, as the app does.
 */
async function inviteDirectly(projectId: string, email: string): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await query(
    "INSERT INTO invitations (id, project_id, email, role, token_hash, expires_at) VALUES ($1, $2, $3, 'viewer', $4, now() + interval '7 days')",
    [`i${randomUUID().replaceAll("-", "")}`, projectId, email.toLowerCase(), createHash("sha256").update(token).digest("hex")],
  );
  return token;
}

/** A second database session for the user (as a sign-in would make), for a call that ends it. */
export async function disposableSession(baseURL: string, user: DevUser): Promise<APIRequestContext> {
  const token = randomUUID();
  await query(
    "INSERT INTO sessions (id, session_token, user_id, expires) SELECT $1, $2, id, now() + interval '1 hour' FROM users WHERE email = $3",
    [randomUUID(), token, user.email],
  );
  return (await clientFor(baseURL, undefined, `next-auth.session-token=${token}`)).request;
}

/** The target's identifiers and labels, none of which may reach another user. */
export function targetMarks(target: Target): string[] {
  return [target.projectId, target.slug, target.name, target.keyId, target.keyHint, target.publishableKey, target.invitationId, target.memberId, target.linkId, target.webhookEndpointId, target.webhookDeliveryId, target.eventId];
}
