"use client";

import { resendWebhook } from "../actions/resend-webhook";
import { webhookKeys } from "./query-keys";
import { useActionMutation } from "./action-mutation";

export function useResendWebhook(projectId: string, endpointId: string) {
  return useActionMutation({
    action: (deliveryId: string) => resendWebhook({ projectId, deliveryId }),
    invalidates: [webhookKeys.attempts(projectId, endpointId)],
    successToast: ({ eventId }) => `Event ${eventId} queued again, with the same webhook-id.`,
    errorToast: (error) => `Could not resend: ${error.message}`,
  });
}
