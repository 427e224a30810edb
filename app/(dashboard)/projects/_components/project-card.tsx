import { IntentLink } from "@/components/ui/intent-link";
import type { ProjectSummary } from "@/lib/projects/queries";
import { ROLE_LABELS } from "@/lib/projects/roles";
import { QuotaBar } from "@/components/usage/quota-bar";
import { formatCount } from "@/components/usage/format";

export function ProjectCard({ project }: { project: ProjectSummary }) {
  return (
    <IntentLink
      href={`/projects/${project.slug}`}
      className="block rounded-xl bg-white p-5 shadow-xs ring-1 ring-zinc-200 transition hover:ring-indigo-400 focus-visible:outline-2 focus-visible:outline-indigo-600 dark:bg-zinc-900 dark:ring-zinc-800"
    >
      <div className="flex items-start justify-between gap-2">
        <span className="truncate font-semibold">{project.name}</span>
        <span className="shrink-0 rounded-full bg-zinc-100 px-2 py-0.5 text-xs text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300">
          {ROLE_LABELS[project.role]}
        </span>
      </div>
      <div className="mt-1 truncate font-mono text-xs text-zinc-500 dark:text-zinc-400">{project.slug}</div>
      <div className="mt-4 flex justify-between text-xs text-zinc-600 dark:text-zinc-400">
        <span>
          {formatCount(project.quota.used)} / {formatCount(project.quota.limit)} units
        </span>
        <span className="tabular-nums">{project.quota.percent}%</span>
      </div>
      <QuotaBar quota={project.quota} compact label={`${project.name}: quota used this period`} />
    </IntentLink>
  );
}
