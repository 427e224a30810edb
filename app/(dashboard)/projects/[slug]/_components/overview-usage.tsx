"use client";

import type { UsageSummary } from "@/lib/usage/summary";
import { useGetUsageSummary } from "@/lib/client/use-get-usage";
import { useTimeZone } from "@/lib/client/use-time-zone";
import { UsageOverview } from "@/components/usage/usage-overview";

export function OverviewUsage({ projectId, initial }: { projectId: string; initial: { timeZone: string; data: UsageSummary } }) {
  const timeZone = useTimeZone(initial.timeZone);
  const { data, isError } = useGetUsageSummary(projectId, timeZone, initial);
  return (
    <div>
      {isError && (
        <p role="alert" className="mb-2 text-sm text-red-600">
          Could not refresh usage; showing the last figures.
        </p>
      )}
      <UsageOverview summary={data ?? initial.data} timeZone={data ? timeZone : initial.timeZone} />
    </div>
  );
}
