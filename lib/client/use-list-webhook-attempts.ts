"use client";

import { useQuery } from "@tanstack/react-query";
import type { WebhookAttemptView } from "../webhooks/read";
import { webhookKeys } from "./query-keys";
import { fetchJson } from "./fetch-json";

/** The delivery log, polled while an attempt is under way or queued so new attempts appear without a reload. */
export function useListWebhookAttempts(projectId: string, endpointId: string) {
  return useQuery({
    queryKey: webhookKeys.attempts(projectId, endpointId),
    queryFn: () =>
      fetchJson<WebhookAttemptView[]>(`/api/projects/${projectId}/webhooks/attempts?endpoint=${encodeURIComponent(endpointId)}`, "Could not load the delivery log."),
    refetchInterval: (query) => (query.state.data?.some((a) => a.deliveryStatus === "pending" || a.finishedAt === null) ? 2000 : 10_000),
  });
}
