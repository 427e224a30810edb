import type { KeyListParams } from "../keys/list-params";

// Query keys for React Query, one factory per domain, so invalidation after a
// mutation names exactly what it affects.
export const projectKeys = {
  all: ["projects"] as const,
  list: () => [...projectKeys.all, "list"] as const,
};

export const keyKeys = {
  all: (projectId: string) => ["keys", projectId] as const,
  list: (projectId: string, params: KeyListParams) => [...keyKeys.all(projectId), "list", params] as const,
  /** The mutation key of revocations, so any view can tell which keys are still being revoked. */
  revocations: (projectId: string) => ["keys", projectId, "revoke"] as const,
};

export const usageKeys = {
  all: (projectId: string) => ["usage", projectId] as const,
  summary: (projectId: string, timeZone: string) => [...usageKeys.all(projectId), "summary", timeZone] as const,
  series: (projectId: string, range: string, timeZone: string, keyId: string | null) => [...usageKeys.all(projectId), "series", range, timeZone, keyId] as const,
};

export const embedKeys = {
  settings: (projectId: string) => ["embed", projectId] as const,
};

export const webhookKeys = {
  all: (projectId: string) => ["webhooks", projectId] as const,
  endpoints: (projectId: string) => [...webhookKeys.all(projectId), "endpoints"] as const,
  attempts: (projectId: string, endpointId: string) => [...webhookKeys.all(projectId), "attempts", endpointId] as const,
};

export const notificationKeys = {
  /** The bell's feed: one per user, across their projects. */
  feed: () => ["notifications"] as const,
};
