"use client";

import { sendTestWebhook } from "../actions/send-test-webhook";
import { webhookKeys } from "./query-keys";
import { useActionMutation } from "./action-mutation";

export function useSendTestWebhook(projectId: string, endpointId: string) {
  return useActionMutation({
    action: () => sendTestWebhook({ projectId, endpointId }),
    invalidates: [webhookKeys.attempts(projectId, endpointId)],
    successToast: ({ eventId }) => `Test event ${eventId} queued: its attempts appear in the delivery log.`,
    errorToast: (error) => `Could not send a test event: ${error.message}`,
  });
}
