import { projectPageTitle } from "@/lib/projects/page-title";
import Link from "next/link";
import { requireProjectPage } from "@/lib/projects/page-access";
import { projectOverviewSummary } from "@/lib/usage/summary";
import { can } from "@/lib/projects/roles";
import { env } from "@/lib/env";
import { preferredTimeZone } from "@/lib/usage/preferred-time-zone";
import { OverviewUsage } from "./_components/overview-usage";

export const generateMetadata = projectPageTitle("Overview");

export default async function ProjectOverviewPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { project, role } = await requireProjectPage(slug);
  const timeZone = await preferredTimeZone();
  const summary = await projectOverviewSummary(project, timeZone);
  return (
    <div className="space-y-6">
      <OverviewUsage
        projectId={project.id}
        projectName={project.name}
        slug={project.slug}
        apiBaseUrl={env().API_BASE_URL}
        canCreateKeys={can(role, "keys:write:test")}
        initial={{ timeZone, data: summary }}
      />
      <section className="rounded-xl bg-white p-5 ring-1 ring-zinc-200 dark:bg-zinc-900 dark:ring-zinc-800">
        <h2 className="text-sm font-medium text-zinc-500 dark:text-zinc-400">Project</h2>
        <dl className="mt-3 grid gap-2 text-sm sm:grid-cols-3">
          <div>
            <dt className="text-zinc-500 dark:text-zinc-400">Plan</dt>
            <dd className="capitalize">{project.plan}</dd>
          </div>
          <div>
            <dt className="text-zinc-500 dark:text-zinc-400">Slug</dt>
            <dd className="font-mono">{project.slug}</dd>
          </div>
          <div>
            <dt className="text-zinc-500 dark:text-zinc-400">Project ID</dt>
            <dd className="font-mono">{project.id}</dd>
          </div>
        </dl>
        <p className="mt-4 text-sm">
          <Link href={`/projects/${slug}/usage`} className="font-medium text-indigo-700 hover:underline dark:text-indigo-400">
            See usage over time →
          </Link>
        </p>
      </section>
    </div>
  );
}
