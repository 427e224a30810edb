"use client";

import { useQuery } from "@tanstack/react-query";
import type { WebhookAttemptView } from "../webhooks/read";
import { webhookKeys } from "./query-keys";
import { fetchJson } from "./fetch-json";

/**
 * The delivery log, polled every 2 s while it is open (and the tab visible):
 * retries and resends happen in the worker, and appear without a reload.
 */
export function useListWebhookAttempts(projectId: string, endpointId: string) {
  return useQuery({
    queryKey: webhookKeys.attempts(projectId, endpointId),
    queryFn: () =>
      fetchJson<WebhookAttemptView[]>(`/api/projects/${projectId}/webhooks/attempts?endpoint=${encodeURIComponent(endpointId)}`, "Could not load the delivery log."),
    refetchInterval: 2000,
  });
}
