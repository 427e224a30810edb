"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { UsageSummary } from "../usage/summary";
import type { UsageRange, UsageSeries } from "../usage/series";
import { usageKeys } from "./query-keys";
import { fetchJson } from "./fetch-json";

// Figures refresh on their own while the page is open, and the last ones stay
// on screen while the next arrive (a new range or time zone included).
const POLLING = { refetchInterval: 10_000, placeholderData: keepPreviousData };

export function useGetUsageSummary(projectId: string, timeZone: string, initial?: { timeZone: string; data: UsageSummary }) {
  return useQuery({
    queryKey: usageKeys.summary(projectId, timeZone),
    queryFn: () => fetchJson<UsageSummary>(`/api/projects/${projectId}/usage/summary`, "Could not load usage.", { tz: timeZone }),
    initialData: initial && initial.timeZone === timeZone ? initial.data : undefined,
    ...POLLING,
  });
}

export function useGetUsageSeries(projectId: string, range: UsageRange, timeZone: string, initial?: UsageSeries) {
  return useQuery({
    queryKey: usageKeys.series(projectId, range, timeZone),
    queryFn: () => fetchJson<UsageSeries>(`/api/projects/${projectId}/usage/series`, "Could not load usage.", { range, tz: timeZone }),
    initialData: initial && initial.range === range && initial.timeZone === timeZone ? initial : undefined,
    ...POLLING,
  });
}
