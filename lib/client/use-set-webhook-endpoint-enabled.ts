"use client";

import { setWebhookEndpointEnabled } from "../actions/set-webhook-endpoint-enabled";
import { webhookKeys } from "./query-keys";
import { useActionMutation } from "./action-mutation";

/** The endpoint's state changes on screen only once the server has changed it ("Disabling…" meanwhile). */
export function useSetWebhookEndpointEnabled(projectId: string, endpointId: string) {
  return useActionMutation({
    action: (enabled: boolean) => setWebhookEndpointEnabled({ projectId, endpointId, enabled }),
    invalidates: [webhookKeys.endpoints(projectId)],
    successToast: (endpoint) => (endpoint.enabled ? "Endpoint enabled." : "Endpoint disabled: nothing more is sent to it."),
    errorToast: (error, enabled) => `Could not ${enabled ? "enable" : "disable"} the endpoint: ${error.message}`,
  });
}
