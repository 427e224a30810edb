import Link from "next/link";
import { requireProjectPage } from "@/lib/projects/page-access";
import { ROLE_LABELS } from "@/lib/projects/roles";
import { ProjectTabs } from "./_components/project-tabs";
import { LeakReplacements } from "./_components/leak-replacements";
import { pendingReplacements } from "@/lib/keys/leak-replacements";

export default async function ProjectLayout({
  children,
  params,
}: {
  children: React.ReactNode;
  params: Promise<{ slug: string }>;
}) {
  const { slug } = await params;
  const { user, project, role } = await requireProjectPage(slug);
  const replacements = await pendingReplacements({ userId: user.id, projectId: project.id });
  return (
    <div>
      <nav aria-label="Breadcrumb" className="text-sm text-zinc-500 dark:text-zinc-400">
        <Link href="/projects" className="hover:text-zinc-800 dark:hover:text-zinc-200">
          Projects
        </Link>
        <span aria-hidden className="mx-2">
          /
        </span>
        <span className="text-zinc-800 dark:text-zinc-200">{project.name}</span>
      </nav>
      <div className="mt-2 flex flex-wrap items-center gap-3">
        <h1 className="min-w-0 text-2xl font-semibold tracking-tight wrap-anywhere">{project.name}</h1>
        <span className="rounded-full bg-zinc-100 px-2 py-0.5 text-xs text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300">
          {ROLE_LABELS[role]}
        </span>
      </div>
      <ProjectTabs slug={project.slug} />
      <LeakReplacements projectId={project.id} replacements={replacements} />
      <div className="mt-6">{children}</div>
    </div>
  );
}
