"use client";

import { useQuery } from "@tanstack/react-query";
import type { UsageSummary } from "../usage/summary";
import type { UsageRange, UsageSeries } from "../usage/series";
import { usageKeys } from "./query-keys";

/** Figures refresh on their own while the page is open. */
export const USAGE_POLL_MS = 10_000;

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { cache: "no-store" });
  if (!response.ok) throw new Error("Could not load usage.");
  return (await response.json()) as T;
}

export function useUsageSummary(projectId: string, timeZone: string, initial?: { timeZone: string; data: UsageSummary }) {
  return useQuery({
    queryKey: usageKeys.summary(projectId, timeZone),
    queryFn: () => getJson<UsageSummary>(`/api/projects/${projectId}/usage/summary?tz=${encodeURIComponent(timeZone)}`),
    initialData: initial && initial.timeZone === timeZone ? initial.data : undefined,
    refetchInterval: USAGE_POLL_MS,
    placeholderData: (previous) => previous,
  });
}

export function useUsageSeries(projectId: string, range: UsageRange, timeZone: string, initial?: UsageSeries) {
  return useQuery({
    queryKey: usageKeys.series(projectId, range, timeZone),
    queryFn: () =>
      getJson<UsageSeries>(`/api/projects/${projectId}/usage/series?range=${range}&tz=${encodeURIComponent(timeZone)}`),
    initialData: initial && initial.range === range && initial.timeZone === timeZone ? initial : undefined,
    refetchInterval: USAGE_POLL_MS,
    placeholderData: (previous) => previous,
  });
}
