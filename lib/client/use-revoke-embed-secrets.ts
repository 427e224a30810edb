"use client";

import { useQueryClient } from "@tanstack/react-query";
import { revokeEmbedSecrets } from "../actions/revoke-embed-secrets";
import { useActionMutation } from "./action-mutation";
import { storeEmbedSettings } from "./use-get-embed-settings";

/**
 * For a leaked secret: every signing secret stops now. Never optimistic (the
 * shared mechanism allows no onMutate). Unlike the key actions it waits for
 * no instance receipt: no API instance caches signing secrets (each embed
 * session request reads them from the database), so the server's answer is
 * already what every instance sees next.
 */
export function useRevokeEmbedSecrets(projectId: string) {
  const queryClient = useQueryClient();
  return useActionMutation({
    action: () => revokeEmbedSecrets({ projectId }),
    onSuccess: (settings) => storeEmbedSettings(queryClient, projectId, settings),
    successToast: "Every signing secret was revoked. Rotate to create a new one.",
  });
}
