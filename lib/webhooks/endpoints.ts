import { db, type Tx } from "../db";
import { env } from "../env";
import { AppError } from "../errors";
import { recordActivity } from "../activity/record";
import { OVERLAP_MS, type Overlap } from "../keys/schemas";
import { requireProjectAccess } from "../projects/access";
import { lockProject } from "../projects/lock";
import { repeatable, type ResultShape } from "../idempotency/repeatable";
import { endpointUrlProblem } from "./endpoint-url";
import { MAX_ENDPOINTS } from "./schemas";
import { generateWebhookSecret, sealWebhookSecret, webhookSecretHint } from "./signing";
import { readEndpoint, type WebhookEndpointView } from "./read";

type Actor = { userId: string; ip: string | null };
type EndpointFields = { url: string; description: string; eventTypes: string[] };

/** A signing secret as created: the only time its plaintext leaves the server. */
export type IssuedWebhookSecret = { id: string; hint: string; plaintext: string };
export type CreatedEndpoint = { endpoint: WebhookEndpointView; secret: IssuedWebhookSecret };

function checkedUrl(url: string): string {
  const problem = endpointUrlProblem(url, { allowPrivate: env().WEBHOOK_ALLOW_PRIVATE });
  if (problem) throw new AppError("invalid_request", problem);
  return new URL(url).toString();
}

async function insertSecret(tx: Tx, projectId: string, endpointId: string): Promise<IssuedWebhookSecret> {
  const plaintext = generateWebhookSecret();
  const hint = webhookSecretHint(plaintext);
  // The row's id is part of the sealed value's associated data: row first, sealed value second.
  const row = await tx.webhookSecret.create({ data: { projectId, endpointId, sealed: "", hint }, select: { id: true } });
  await tx.webhookSecret.update({ where: { id: row.id }, data: { sealed: sealWebhookSecret(plaintext, env().EMBED_ENCRYPTION_KEY, { projectId, secretId: row.id }) } });
  return { id: row.id, hint, plaintext };
}

/** The endpoint, found through its project (which the caller's access check loaded). */
async function findEndpoint(tx: Tx, projectId: string, endpointId: string) {
  const endpoint = await tx.webhookEndpoint.findFirst({ where: { id: endpointId, projectId } });
  if (!endpoint) throw new AppError("not_found", "This webhook endpoint does not exist (it may have been deleted).");
  return endpoint;
}

/**
 * Events of a project with endpoints queue their deliveries in
 * graphile-worker's schema, on the cause's own transaction: without that
 * schema the cause itself (a key's creation) would fail. So an endpoint is
 * added only once the schema exists (`npm run db:migrate`, or any worker's start).
 */
async function requireJobQueue(tx: Tx) {
  const [row] = await tx.$queryRaw<{ ready: boolean }[]>`SELECT EXISTS (SELECT 1 FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'graphile_worker' AND p.proname = 'add_job') AS ready`;
  if (!row?.ready) throw new AppError("conflict", "Webhooks are not set up on this server yet: its operator needs to run `npm run db:migrate` (or start the API service once).");
}

const CREATED_ENDPOINT: ResultShape<CreatedEndpoint> = {
  secretOf: (value) => value.secret.plaintext,
  withoutSecret: ({ secret, ...rest }) => ({ ...rest, secret: { id: secret.id, hint: secret.hint } }),
  withSecret: (kept, plaintext) => {
    const { secret, ...rest } = kept as Omit<CreatedEndpoint, "secret"> & { secret: Omit<IssuedWebhookSecret, "plaintext"> };
    return { ...rest, secret: { ...secret, plaintext: plaintext ?? "" } };
  },
  alreadyCreated:
    "This endpoint was already created by this request, and you confirmed you had copied its signing secret, so it is not shown again. Rotate the secret if you did not keep it.",
};

/** Adds an endpoint with its first signing secret (returned once). A repeat of the request gets the same answer. */
export async function createWebhookEndpoint({ userId, ip, projectId, idempotencyKey, ...fields }: Actor & EndpointFields & { projectId: string; idempotencyKey?: string }) {
  const url = checkedUrl(fields.url);
  const request = repeatable(CREATED_ENDPOINT, { action: "createWebhookEndpoint", userId, idempotencyKey, input: { projectId, ...fields } });
  return db.$transaction(async (tx) => {
    await requireProjectAccess({ userId, projectId, permission: "webhooks:manage" }, tx);
    return request.once(tx, async () => {
      // Two concurrent creates cannot both see 19 endpoints and make 21.
      await lockProject(tx, projectId);
      await requireJobQueue(tx);
      if ((await tx.webhookEndpoint.count({ where: { projectId } })) >= MAX_ENDPOINTS) {
        throw new AppError("limit_reached", `A project can have at most ${MAX_ENDPOINTS} webhook endpoints. Delete one first.`);
      }
      const row = await tx.webhookEndpoint.create({
        data: { projectId, url, description: fields.description, eventTypes: fields.eventTypes, createdById: userId },
        select: { id: true },
      });
      const secret = await insertSecret(tx, projectId, row.id);
      await recordActivity(tx, { projectId, actorId: userId, action: "webhook.endpoint_created", target: { type: "webhook_endpoint", id: row.id, label: url }, ip, metadata: { eventTypes: fields.eventTypes } });
      return { endpoint: await readEndpoint(tx, projectId, row.id), secret };
    });
  });
}

export async function updateWebhookEndpoint({ userId, ip, projectId, endpointId, ...fields }: Actor & Omit<EndpointFields, "description"> & { description?: string; projectId: string; endpointId: string }) {
  const url = checkedUrl(fields.url);
  return db.$transaction(async (tx) => {
    await requireProjectAccess({ userId, projectId, permission: "webhooks:manage" }, tx);
    await findEndpoint(tx, projectId, endpointId);
    await tx.webhookEndpoint.update({ where: { id: endpointId }, data: { url, description: fields.description, eventTypes: fields.eventTypes } });
    await recordActivity(tx, { projectId, actorId: userId, action: "webhook.endpoint_updated", target: { type: "webhook_endpoint", id: endpointId, label: url }, ip, metadata: { eventTypes: fields.eventTypes } });
    return readEndpoint(tx, projectId, endpointId);
  });
}

/**
 * Switches an endpoint on or off. Off, its pending deliveries are dropped
 * at their next attempt; on again, it starts with a clean failure record.
 */
export async function setWebhookEndpointEnabled({ userId, ip, projectId, endpointId, enabled }: Actor & { projectId: string; endpointId: string; enabled: boolean }) {
  return db.$transaction(async (tx) => {
    await requireProjectAccess({ userId, projectId, permission: "webhooks:manage" }, tx);
    const endpoint = await findEndpoint(tx, projectId, endpointId);
    if (endpoint.enabled !== enabled || (enabled && endpoint.disabledReason)) {
      await tx.webhookEndpoint.update({ where: { id: endpointId }, data: { enabled, disabledReason: null, failingSince: null } });
      await recordActivity(tx, { projectId, actorId: userId, action: enabled ? "webhook.endpoint_enabled" : "webhook.endpoint_disabled", target: { type: "webhook_endpoint", id: endpointId, label: endpoint.url }, ip });
    }
    return readEndpoint(tx, projectId, endpointId);
  });
}

/**
 * A new signing secret (returned once); the current ones keep signing until
 * the overlap ends, so during it every message carries both signatures.
 */
export async function rotateWebhookSecret({ userId, ip, projectId, endpointId, overlap }: Actor & { projectId: string; endpointId: string; overlap: Overlap }) {
  return db.$transaction(async (tx) => {
    await requireProjectAccess({ userId, projectId, permission: "webhooks:manage" }, tx);
    const endpoint = await findEndpoint(tx, projectId, endpointId);
    const now = new Date();
    const oldExpiresAt = new Date(now.getTime() + OVERLAP_MS[overlap]);
    await tx.webhookSecret.updateMany({ where: { endpointId, OR: [{ expiresAt: null }, { expiresAt: { gt: oldExpiresAt } }] }, data: { expiresAt: oldExpiresAt } });
    await tx.webhookSecret.deleteMany({ where: { endpointId, expiresAt: { lte: now } } });
    const secret = await insertSecret(tx, projectId, endpointId);
    await recordActivity(tx, { projectId, actorId: userId, action: "webhook.secret_rotated", target: { type: "webhook_endpoint", id: endpointId, label: endpoint.url }, ip, metadata: { overlap, newSecretHint: secret.hint } });
    return { endpoint: await readEndpoint(tx, projectId, endpointId), secret };
  });
}

export async function deleteWebhookEndpoint({ userId, ip, projectId, endpointId }: Actor & { projectId: string; endpointId: string }) {
  return db.$transaction(async (tx) => {
    await requireProjectAccess({ userId, projectId, permission: "webhooks:manage" }, tx);
    const endpoint = await findEndpoint(tx, projectId, endpointId);
    // Its deliveries and attempts go with it; queued jobs find nothing and end.
    await tx.webhookEndpoint.delete({ where: { id: endpointId } });
    await recordActivity(tx, { projectId, actorId: userId, action: "webhook.endpoint_deleted", target: { type: "webhook_endpoint", id: endpointId, label: endpoint.url }, ip });
    return { id: endpointId };
  });
}
