"use client";

import { useQuery } from "@tanstack/react-query";
import type { WebhookEndpointView } from "../webhooks/read";
import { webhookKeys } from "./query-keys";
import { fetchJson } from "./fetch-json";

export function useListWebhookEndpoints(projectId: string, initial: WebhookEndpointView[]) {
  return useQuery({
    queryKey: webhookKeys.endpoints(projectId),
    queryFn: () => fetchJson<WebhookEndpointView[]>(`/api/projects/${projectId}/webhooks`, "Could not load the webhook endpoints."),
    initialData: initial,
  });
}
