import { z } from "zod";

/** Events are named `msg_` + 22 base64url characters (lib/webhooks/outbox.ts). */
export const eventId = z
  .string({ error: "An event is required." })
  .regex(/^msg_[A-Za-z0-9_-]{10,40}$/, { error: "That is not an event id." });

export const markNotificationsReadInput = z.object({ throughEventId: eventId }).strict();
