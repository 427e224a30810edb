"use client";

import { useState } from "react";
import type { OverviewSummary } from "@/lib/usage/summary";
import { onboardingChecklist, onboardingComplete } from "@/lib/usage/onboarding-model";
import { firstCallSnippet } from "@/lib/keys/snippets";
import { useGetUsageSummary } from "@/lib/client/use-get-usage";
import { useTimeZone } from "@/lib/client/use-time-zone";
import { UsageOverview } from "@/components/usage/usage-overview";
import { GetStarted } from "./get-started";
import { QuotaBanner } from "./quota-banner";

export function OverviewUsage({
  projectId,
  projectName,
  slug,
  apiBaseUrl,
  canCreateKeys,
  initial,
}: {
  projectId: string;
  projectName: string;
  slug: string;
  apiBaseUrl: string;
  canCreateKeys: boolean;
  initial: { timeZone: string; data: OverviewSummary };
}) {
  const timeZone = useTimeZone(initial.timeZone);
  const { data, isError } = useGetUsageSummary(projectId, timeZone, initial);
  const summary = data ?? initial.data;
  // The checklist shows until done: a project that was done when the page
  // opened shows none; one that got there meanwhile says "All set" until hidden.
  const [showChecklist, setShowChecklist] = useState(() => !onboardingComplete(initial.data.onboarding));
  const checklist = onboardingChecklist(summary.onboarding, summary.today, { canCreateKeys, locale: undefined });
  return (
    <div className="space-y-4">
      {isError && (
        <p role="alert" className="text-sm text-red-600">
          Could not refresh usage; showing the last figures.
        </p>
      )}
      <QuotaBanner projectName={projectName} slug={slug} quota={summary.quota} />
      {showChecklist && <GetStarted checklist={checklist} slug={slug} firstCall={firstCallSnippet(apiBaseUrl)} onHide={() => setShowChecklist(false)} />}
      <UsageOverview summary={summary} timeZone={data ? timeZone : initial.timeZone} />
    </div>
  );
}
