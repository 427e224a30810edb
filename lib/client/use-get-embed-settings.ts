"use client";

import { useQuery, type QueryClient } from "@tanstack/react-query";
import type { EmbedSettings } from "../embed/settings";
import { embedKeys } from "./query-keys";
import { fetchJson } from "./fetch-json";

export function useGetEmbedSettings(projectId: string, initial: EmbedSettings) {
  return useQuery({
    queryKey: embedKeys.settings(projectId),
    queryFn: () => fetchJson<EmbedSettings>(`/api/projects/${projectId}/embed`, "Could not load the embed settings."),
    initialData: initial,
  });
}

/** Every embed action answers with the settings as they now are: they replace the cached ones without a refetch. */
export function storeEmbedSettings(queryClient: QueryClient, projectId: string, settings: EmbedSettings) {
  queryClient.setQueryData(embedKeys.settings(projectId), settings);
}
