import { z } from "zod";
import { projectId } from "../projects/schemas";
import { OVERLAP_CHOICES } from "../keys/schemas";
import { idempotencyKey } from "../idempotency/schemas";
import { isRowId } from "../row-id";
import { EVENT_TYPE_NAMES } from "./event-types";
import { MAX_URL_LENGTH } from "./endpoint-url";

/** A project has at most this many endpoints. */
export const MAX_ENDPOINTS = 20;

const rowId = (what: string) => z.string({ error: `Choose a ${what}.` }).refine(isRowId, { error: `That ${what} does not exist.` });

export const endpointId = rowId("webhook endpoint");
export const deliveryId = rowId("delivery");

// The URL's shape only: whether it may be used (https, public host) depends
// on WEBHOOK_ALLOW_PRIVATE and is checked by the mutation (endpoint-url.ts).
const endpointUrl = z.string({ error: "Enter the endpoint's URL." }).trim().min(1, { error: "Enter the endpoint's URL." }).max(MAX_URL_LENGTH, { error: `Use at most ${MAX_URL_LENGTH} characters.` });

// Optional: left out, a new endpoint has none and a change keeps the one it has.
const description = z
  .string({ error: "The description must be text." })
  .trim()
  .max(200, { error: "Use at most 200 characters." })
  .refine((text) => !/[\u0000-\u001f\u007f]/.test(text), { error: "Remove control characters from the description." });

const eventTypes = z
  .array(z.enum(EVENT_TYPE_NAMES as [string, ...string[]], { error: "That is not an event Keydeck sends." }), { error: "Choose the events to send." })
  .min(1, { error: "Choose at least one event." })
  .max(EVENT_TYPE_NAMES.length)
  .refine((types) => new Set(types).size === types.length, { error: "Choose each event once." });

export const createWebhookEndpointInput = z.object({ projectId, url: endpointUrl, description: description.default(""), eventTypes, idempotencyKey }).strict();
export const updateWebhookEndpointInput = z.object({ projectId, endpointId, url: endpointUrl, description: description.optional(), eventTypes }).strict();
export const setWebhookEndpointEnabledInput = z.object({ projectId, endpointId, enabled: z.boolean({ error: "Choose on or off." }) }).strict();
export const rotateWebhookSecretInput = z
  .object({ projectId, endpointId, overlap: z.enum(OVERLAP_CHOICES, { error: "Choose how long the old secret keeps signing." }) })
  .strict();
export const deleteWebhookEndpointInput = z.object({ projectId, endpointId }).strict();
export const sendTestWebhookInput = z.object({ projectId, endpointId }).strict();
export const resendWebhookInput = z.object({ projectId, deliveryId }).strict();
