"use client";

import { updateWebhookEndpoint } from "../actions/update-webhook-endpoint";
import { webhookKeys } from "./query-keys";
import { useActionMutation } from "./action-mutation";
import type { EndpointFormValues } from "./use-create-webhook-endpoint";

export function useUpdateWebhookEndpoint(projectId: string, endpointId: string) {
  return useActionMutation({
    action: (input: EndpointFormValues) => updateWebhookEndpoint({ projectId, endpointId, ...input }),
    invalidates: [webhookKeys.endpoints(projectId)],
    successToast: "Endpoint saved.",
  });
}
