import type { Prisma } from "@prisma/client";
import type { DbClient } from "../db";

export type ActivityInput = {
  projectId: string;
  actorId: string | null;
  action: string;
  target?: { type: string; id: string; label: string };
  ip: string | null;
  metadata?: Prisma.InputJsonObject;
};

/** Appends one activity row; pass the transaction client of the change it records. Returns the row's id. */
export async function recordActivity(tx: DbClient, event: ActivityInput): Promise<string> {
  const row = await tx.activityEvent.create({
    data: {
      projectId: event.projectId,
      actorId: event.actorId,
      action: event.action,
      targetType: event.target?.type ?? null,
      targetId: event.target?.id ?? null,
      targetLabel: event.target?.label ?? null,
      ip: event.ip,
      metadata: event.metadata ?? {},
    },
    select: { id: true },
  });
  return row.id;
}
