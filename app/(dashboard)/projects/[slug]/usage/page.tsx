import { projectPageTitle } from "@/lib/projects/page-title";
import { requireProjectPage } from "@/lib/projects/page-access";
import { usageSeries } from "@/lib/usage/series";
import { preferredTimeZone } from "@/lib/usage/preferred-time-zone";
import { UsageView } from "./_components/usage-view";

export const generateMetadata = projectPageTitle("Usage");

export default async function UsagePage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { user, project } = await requireProjectPage(slug);
  const tz = await preferredTimeZone();
  const initial = await usageSeries({ userId: user.id, projectId: project.id, range: "7d", tz });
  return <UsageView projectId={project.id} projectSlug={project.slug} initial={initial} />;
}
