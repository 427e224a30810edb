"use client";

import { useQueryClient } from "@tanstack/react-query";
import { setEmbedEnabled } from "../actions/set-embed-enabled";
import { describeReceipt } from "../keys/receipt";
import { useIdempotentMutation } from "./idempotent-mutation";
import { storeEmbedSettings } from "./use-get-embed-settings";

export function useSetEmbedEnabled(projectId: string) {
  const queryClient = useQueryClient();
  return useIdempotentMutation({
    action: (enabled: boolean, idempotencyKey) => setEmbedEnabled({ projectId, enabled, idempotencyKey }),
    holdsSecret: true, // the first switch-on returns the signing secret's plaintext
    onSuccess: ({ settings }) => storeEmbedSettings(queryClient, projectId, settings),
    // When a secret is revealed, its dialog is the confirmation.
    successToast: ({ secret, receipt }, enabled) =>
      !enabled
        ? `Embed mode is off: embeds and new sessions are refused${receipt ? `; ${describeReceipt(receipt)}` : ""}.`
        : secret
          ? null
          : "Embed mode is on.",
  });
}
