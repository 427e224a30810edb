import type { Metadata } from "next";
import { requireProjectPage } from "@/lib/projects/page-access";

export const metadata: Metadata = { title: "Overview" };

export default async function ProjectOverviewPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { project } = await requireProjectPage(slug);
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <section className="rounded-xl bg-white p-5 ring-1 ring-zinc-200 dark:bg-zinc-900 dark:ring-zinc-800">
        <h2 className="text-sm font-medium text-zinc-500 dark:text-zinc-400">Project</h2>
        <dl className="mt-3 space-y-2 text-sm">
          <div className="flex justify-between gap-4">
            <dt className="text-zinc-500 dark:text-zinc-400">Slug</dt>
            <dd className="font-mono">{project.slug}</dd>
          </div>
          <div className="flex justify-between gap-4">
            <dt className="text-zinc-500 dark:text-zinc-400">Project ID</dt>
            <dd className="font-mono">{project.id}</dd>
          </div>
          <div className="flex justify-between gap-4">
            <dt className="text-zinc-500 dark:text-zinc-400">Created</dt>
            <dd>{project.createdAt.toISOString().slice(0, 10)}</dd>
          </div>
        </dl>
      </section>
      <section className="rounded-xl border-2 border-dashed border-zinc-300 p-5 dark:border-zinc-700">
        <h2 className="text-sm font-semibold">Usage</h2>
        <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
          No usage yet. Usage and quota appear here once this project&apos;s API keys are used.
        </p>
      </section>
    </div>
  );
}
