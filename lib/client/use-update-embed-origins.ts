"use client";

import { useQueryClient } from "@tanstack/react-query";
import { updateEmbedOrigins } from "../actions/update-embed-origins";
import { useActionMutation } from "./action-mutation";
import { storeEmbedSettings } from "./use-get-embed-settings";

export function useUpdateEmbedOrigins(projectId: string) {
  const queryClient = useQueryClient();
  return useActionMutation({
    action: (origins: string[]) => updateEmbedOrigins({ projectId, origins }),
    onSuccess: (settings) => storeEmbedSettings(queryClient, projectId, settings),
    successToast: "Allowed origins saved.",
  });
}
