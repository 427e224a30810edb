"use client";

import { rotateWebhookSecret } from "../actions/rotate-webhook-secret";
import type { Overlap } from "../keys/schemas";
import { webhookKeys } from "./query-keys";
import { useActionMutation } from "./action-mutation";

export function useRotateWebhookSecret(projectId: string, endpointId: string) {
  return useActionMutation({
    action: (overlap: Overlap) => rotateWebhookSecret({ projectId, endpointId, overlap }),
    holdsSecret: true, // holds the new secret's plaintext
    invalidates: [webhookKeys.endpoints(projectId)],
    successToast: "Signing secret rotated.",
  });
}
