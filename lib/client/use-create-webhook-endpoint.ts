"use client";

import { createWebhookEndpoint } from "../actions/create-webhook-endpoint";
import { webhookKeys } from "./query-keys";
import { useIdempotentMutation } from "./idempotent-mutation";

export type EndpointFormValues = { url: string; description: string; eventTypes: string[] };

export function useCreateWebhookEndpoint(projectId: string) {
  return useIdempotentMutation({
    action: (input: EndpointFormValues, idempotencyKey) => createWebhookEndpoint({ projectId, ...input, idempotencyKey }),
    invalidates: [webhookKeys.endpoints(projectId)],
    // The dialog that reveals the signing secret is the confirmation: no toast.
    holdsSecret: true,
  });
}
