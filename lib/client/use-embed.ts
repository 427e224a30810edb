"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { rotateEmbedSecret } from "../actions/rotate-embed-secret";
import { setEmbedEnabled } from "../actions/set-embed-enabled";
import { updateEmbedOrigins } from "../actions/update-embed-origins";
import type { EmbedSettings } from "../embed/settings";
import type { Overlap } from "../keys/schemas";
import { embedKeys } from "./query-keys";
import { unwrap } from "./action-mutation";

export function useEmbedSettings(projectId: string, initial: EmbedSettings) {
  return useQuery({
    queryKey: embedKeys.settings(projectId),
    queryFn: async () => {
      const response = await fetch(`/api/projects/${projectId}/embed`, { cache: "no-store" });
      if (!response.ok) throw new Error("Could not load the embed settings.");
      return (await response.json()) as EmbedSettings;
    },
    initialData: initial,
  });
}

function useStoreSettings(projectId: string) {
  const queryClient = useQueryClient();
  return (settings: EmbedSettings) => queryClient.setQueryData(embedKeys.settings(projectId), settings);
}

export function useSetEmbedEnabled(projectId: string) {
  const store = useStoreSettings(projectId);
  return useMutation({
    mutationFn: (enabled: boolean) => unwrap(setEmbedEnabled({ projectId, enabled })),
    gcTime: 0, // the first switch-on returns the signing secret's plaintext
    onSuccess: ({ settings }) => store(settings),
  });
}

export function useUpdateEmbedOrigins(projectId: string) {
  const store = useStoreSettings(projectId);
  return useMutation({
    mutationFn: (origins: string[]) => unwrap(updateEmbedOrigins({ projectId, origins })),
    onSuccess: store,
  });
}

export function useRotateEmbedSecret(projectId: string) {
  const store = useStoreSettings(projectId);
  return useMutation({
    mutationFn: (overlap: Overlap) => unwrap(rotateEmbedSecret({ projectId, overlap })),
    gcTime: 0, // holds the new secret's plaintext
    onSuccess: ({ settings }) => store(settings),
  });
}
