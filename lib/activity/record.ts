import type { Prisma } from "@prisma/client";
import type { DbClient } from "../db";
import { eventForActivity } from "../webhooks/activity-events";
import { emitEvent } from "../webhooks/outbox";
import { prismaSql } from "../webhooks/prisma-sql";

export type ActivityInput = {
  projectId: string;
  actorId: string | null;
  action: string;
  target?: { type: string; id: string; label: string };
  ip: string | null;
  metadata?: Prisma.InputJsonObject;
};

/**
 * Appends one activity row; pass the transaction client of the change it
 * records. An action that is also a webhook event (lib/webhooks/activity-events.ts)
 * writes its event on the same transaction. Returns the row's id.
 */
export async function recordActivity(tx: DbClient, activity: ActivityInput): Promise<string> {
  const row = await tx.activityEvent.create({
    data: {
      projectId: activity.projectId,
      actorId: activity.actorId,
      action: activity.action,
      targetType: activity.target?.type ?? null,
      targetId: activity.target?.id ?? null,
      targetLabel: activity.target?.label ?? null,
      ip: activity.ip,
      metadata: activity.metadata ?? {},
    },
    select: { id: true },
  });
  const event = eventForActivity(activity);
  if (event) await emitEvent(prismaSql(tx), { projectId: activity.projectId, ...event });
  return row.id;
}
