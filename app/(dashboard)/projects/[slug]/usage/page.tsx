import { projectPageTitle } from "@/lib/projects/page-title";
import { requireProjectPage } from "@/lib/projects/page-access";
import { usageSeries } from "@/lib/usage/series";
import { redirect } from "next/navigation";
import { isCanonicalUsageQuery, parseUsageParams, usageParamsQuery } from "@/lib/usage/usage-params";
import { preferredTimeZone } from "@/lib/usage/preferred-time-zone";
import { UsageView } from "./_components/usage-view";

export const generateMetadata = projectPageTitle("Usage");

export default async function UsagePage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { slug } = await params;
  const { user, project } = await requireProjectPage(slug);
  const tz = await preferredTimeZone();
  const search = await searchParams;
  const parsed = parseUsageParams(search);
  const initial = await usageSeries({ userId: user.id, projectId: project.id, range: parsed.range, keyId: parsed.keyId, tz });
  // A key the project does not have falls back to all keys, like any parameter it does not recognise;
  // the address then says what the page shows.
  const view = { ...parsed, keyId: initial.keyId };
  if (!isCanonicalUsageQuery(search, view)) redirect(`/projects/${project.slug}/usage${usageParamsQuery(view)}`);
  return <UsageView projectId={project.id} initial={initial} initialParams={view} />;
}
