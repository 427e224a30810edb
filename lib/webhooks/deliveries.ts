import { db } from "../db";
import { AppError } from "../errors";
import { recordActivity } from "../activity/record";
import { requireProjectAccess } from "../projects/access";
import { emitEvent } from "./outbox";
import { prismaSql } from "./prisma-sql";
import { TEST_EVENT_TYPE } from "./event-types";

type Actor = { userId: string; ip: string | null };

/**
 * "Send test event": a `webhook.test` event for this endpoint only, signed
 * and retried like any other. Returns the event's id (its webhook-id).
 */
export async function sendTestWebhook({ userId, ip, projectId, endpointId }: Actor & { projectId: string; endpointId: string }) {
  return db.$transaction(async (tx) => {
    await requireProjectAccess({ userId, projectId, permission: "webhooks:manage" }, tx);
    const endpoint = await tx.webhookEndpoint.findFirst({ where: { id: endpointId, projectId }, select: { id: true, url: true, enabled: true } });
    if (!endpoint) throw new AppError("not_found", "This webhook endpoint does not exist (it may have been deleted).");
    if (!endpoint.enabled) throw new AppError("conflict", "This endpoint is disabled. Enable it to send a test event.");
    const written = await emitEvent(prismaSql(tx), {
      projectId,
      type: TEST_EVENT_TYPE,
      data: { project_id: projectId, endpoint_id: endpointId, message: "A test event sent from the Keydeck dashboard." },
      onlyEndpointId: endpointId,
    });
    await recordActivity(tx, { projectId, actorId: userId, action: "webhook.test_sent", target: { type: "webhook_endpoint", id: endpointId, label: endpoint.url }, ip });
    return { eventId: written!.eventId, deliveryId: written!.deliveryIds[0]! };
  });
}

// Sent once more at once, with the same webhook-id, whatever became of the
// delivery; its scheduled retries (if any) are left as they are.
const ENQUEUE_RESEND = `SELECT graphile_worker.add_job('webhook_deliver', json_build_object('deliveryId', $1::text, 'manual', true)) IS NOT NULL AS queued`;

/** Resend: queues one more attempt of a delivery, now. */
export async function resendWebhook({ userId, ip, projectId, deliveryId }: Actor & { projectId: string; deliveryId: string }) {
  return db.$transaction(async (tx) => {
    await requireProjectAccess({ userId, projectId, permission: "webhooks:manage" }, tx);
    const delivery = await tx.webhookDelivery.findFirst({ where: { id: deliveryId, projectId }, select: { id: true, eventId: true, endpoint: { select: { id: true, url: true, enabled: true } } } });
    if (!delivery) throw new AppError("not_found", "This delivery does not exist (its endpoint may have been deleted).");
    if (!delivery.endpoint.enabled) throw new AppError("conflict", "This endpoint is disabled. Enable it to resend.");
    await tx.$queryRawUnsafe(ENQUEUE_RESEND, deliveryId);
    await recordActivity(tx, { projectId, actorId: userId, action: "webhook.resent", target: { type: "webhook_endpoint", id: delivery.endpoint.id, label: delivery.endpoint.url }, ip, metadata: { eventId: delivery.eventId } });
    return { deliveryId, eventId: delivery.eventId };
  });
}
