"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { OverviewSummary } from "../usage/summary";
import { ONBOARDING_POLL_MS, onboardingComplete } from "../usage/onboarding-model";
import type { UsageRange, UsageSeries } from "../usage/series";
import { usageKeys } from "./query-keys";
import { fetchJson } from "./fetch-json";

// Figures refresh on their own while the page is open, and the last ones stay
// on screen while the next arrive (a new range or time zone included).
const POLLING = { refetchInterval: 10_000, placeholderData: keepPreviousData };

export function useGetUsageSummary(projectId: string, timeZone: string, initial?: { timeZone: string; data: OverviewSummary }) {
  return useQuery({
    queryKey: usageKeys.summary(projectId, timeZone),
    queryFn: () => fetchJson<OverviewSummary>(`/api/projects/${projectId}/usage/summary`, "Could not load usage.", { tz: timeZone }),
    initialData: initial && initial.timeZone === timeZone ? initial.data : undefined,
    ...POLLING,
    // Faster while the "Get started" checklist waits for the first call.
    refetchInterval: (query) => (query.state.data && !onboardingComplete(query.state.data.onboarding) ? ONBOARDING_POLL_MS : POLLING.refetchInterval),
  });
}

export function useGetUsageSeries(projectId: string, range: UsageRange, keyId: string | null, timeZone: string, initial?: UsageSeries) {
  return useQuery({
    queryKey: usageKeys.series(projectId, range, timeZone, keyId),
    queryFn: () => fetchJson<UsageSeries>(`/api/projects/${projectId}/usage/series`, "Could not load usage.", { range, tz: timeZone, key: keyId ?? undefined }),
    initialData: initial && initial.range === range && initial.keyId === keyId && initial.timeZone === timeZone ? initial : undefined,
    ...POLLING,
  });
}
