import type { DbClient } from "../db";
import { db } from "../db";
import { AppError } from "../errors";
import { requireProjectAccess } from "../projects/access";

/** An endpoint as the dashboard shows it: never a secret, only the secrets' hints. */
export type WebhookEndpointView = {
  id: string;
  url: string;
  description: string;
  eventTypes: string[];
  enabled: boolean;
  disabledReason: string | null;
  failingSince: string | null;
  createdAt: string;
  secrets: { id: string; hint: string; createdAt: string; expiresAt: string | null }[];
};

const ENDPOINT_FIELDS = {
  id: true,
  url: true,
  description: true,
  eventTypes: true,
  enabled: true,
  disabledReason: true,
  failingSince: true,
  createdAt: true,
  secrets: { select: { id: true, hint: true, createdAt: true, expiresAt: true }, orderBy: { createdAt: "desc" as const } },
} as const;

type EndpointRow = {
  id: string; url: string; description: string; eventTypes: string[]; enabled: boolean; disabledReason: string | null; failingSince: Date | null; createdAt: Date;
  secrets: { id: string; hint: string; createdAt: Date; expiresAt: Date | null }[];
};

function view(row: EndpointRow, now: Date): WebhookEndpointView {
  return {
    ...row,
    failingSince: row.failingSince?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    // Expired secrets sign nothing any more; they are deleted at the next rotation.
    secrets: row.secrets
      .filter((s) => !s.expiresAt || s.expiresAt > now)
      .map((s) => ({ id: s.id, hint: s.hint, createdAt: s.createdAt.toISOString(), expiresAt: s.expiresAt?.toISOString() ?? null })),
  };
}

/** One endpoint of the project (the caller checked access). */
export async function readEndpoint(client: DbClient, projectId: string, endpointId: string): Promise<WebhookEndpointView> {
  const row = await client.webhookEndpoint.findFirst({ where: { id: endpointId, projectId }, select: ENDPOINT_FIELDS });
  if (!row) throw new AppError("not_found", "This webhook endpoint does not exist (it may have been deleted).");
  return view(row, new Date());
}

export async function listWebhookEndpoints({ userId, projectId }: { userId: string; projectId: string }): Promise<WebhookEndpointView[]> {
  await requireProjectAccess({ userId, projectId, permission: "webhooks:read" });
  const rows = await db.webhookEndpoint.findMany({ where: { projectId }, select: ENDPOINT_FIELDS, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  const now = new Date();
  return rows.map((row) => view(row, now));
}

export type WebhookAttemptView = {
  id: string;
  deliveryId: string;
  eventId: string;
  eventType: string;
  number: number;
  trigger: string;
  startedAt: string;
  finishedAt: string | null;
  statusCode: number | null;
  error: string | null;
  latencyMs: number | null;
  responseBody: string | null;
  deliveryStatus: "pending" | "succeeded" | "failed";
};

/** The delivery log: an endpoint's latest attempts, newest first (at most 100). */
export async function listWebhookAttempts({ userId, projectId, endpointId, limit = 100 }: { userId: string; projectId: string; endpointId: string; limit?: number }): Promise<WebhookAttemptView[]> {
  await requireProjectAccess({ userId, projectId, permission: "webhooks:read" });
  const endpoint = await db.webhookEndpoint.findFirst({ where: { id: endpointId, projectId }, select: { id: true } });
  if (!endpoint) throw new AppError("not_found", "This webhook endpoint does not exist (it may have been deleted).");
  const rows = await db.webhookAttempt.findMany({
    where: { endpointId, delivery: { projectId } },
    orderBy: [{ startedAt: "desc" }, { id: "desc" }],
    take: Math.min(limit, 100),
    include: { delivery: { select: { id: true, status: true, event: { select: { id: true, type: true } } } } },
  });
  return rows.map((row) => ({
    id: row.id,
    deliveryId: row.delivery.id,
    eventId: row.delivery.event.id,
    eventType: row.delivery.event.type,
    number: row.number,
    trigger: row.trigger,
    startedAt: row.startedAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    statusCode: row.statusCode,
    error: row.error,
    latencyMs: row.latencyMs,
    responseBody: row.responseBody,
    deliveryStatus: row.delivery.status,
  }));
}
