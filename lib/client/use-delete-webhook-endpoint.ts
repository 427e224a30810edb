"use client";

import { deleteWebhookEndpoint } from "../actions/delete-webhook-endpoint";
import { webhookKeys } from "./query-keys";
import { useActionMutation } from "./action-mutation";

export function useDeleteWebhookEndpoint(projectId: string, endpointId: string) {
  return useActionMutation({
    action: () => deleteWebhookEndpoint({ projectId, endpointId }),
    invalidates: [webhookKeys.endpoints(projectId)],
    successToast: "Endpoint deleted.",
  });
}
