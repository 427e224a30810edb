"use client";

import Link from "next/link";
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import type { ProjectSummary } from "@/lib/projects/queries";
import { ROLE_LABELS } from "@/lib/projects/roles";
import { projectKeys } from "@/lib/client/query-keys";
import { Button } from "@/components/ui/button";
import { QuotaBar } from "@/components/usage/quota-bar";
import { formatCount } from "@/components/usage/format";
import { CreateProjectDialog } from "./create-project-dialog";

async function fetchProjects(): Promise<ProjectSummary[]> {
  const response = await fetch("/api/projects", { cache: "no-store" });
  if (!response.ok) throw new Error("Could not load projects.");
  return ((await response.json()) as { projects: ProjectSummary[] }).projects;
}

export function ProjectsView({ initialProjects }: { initialProjects: ProjectSummary[] }) {
  const [creating, setCreating] = useState(false);
  const { data: projects, isError, refetch } = useQuery({
    queryKey: projectKeys.list(),
    queryFn: fetchProjects,
    initialData: initialProjects,
  });

  return (
    <section aria-labelledby="projects-heading">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <div>
          <h1 id="projects-heading" className="text-2xl font-semibold tracking-tight">
            Projects
          </h1>
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
            Each project has its own API keys, usage and quota.
          </p>
        </div>
        <Button onClick={() => setCreating(true)}>New project</Button>
      </div>

      {isError && (
        <p role="alert" className="mt-6 text-sm text-red-600">
          Could not refresh the list.{" "}
          <button type="button" className="underline" onClick={() => void refetch()}>
            Try again
          </button>
        </p>
      )}

      {projects.length === 0 ? (
        <div className="mt-10 rounded-xl border-2 border-dashed border-zinc-300 px-6 py-14 text-center dark:border-zinc-700">
          <h2 className="text-base font-semibold">No projects yet</h2>
          <p className="mx-auto mt-1 max-w-sm text-sm text-zinc-600 dark:text-zinc-400">
            A project holds the API keys for one product or service. Create one to issue your first key.
          </p>
          <Button className="mt-6" onClick={() => setCreating(true)}>
            Create your first project
          </Button>
        </div>
      ) : (
        <ul aria-label="Your projects" className="mt-6 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {projects.map((project) => (
            <li key={project.id}>
              <Link
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
              </Link>
            </li>
          ))}
        </ul>
      )}

      <CreateProjectDialog open={creating} onClose={() => setCreating(false)} />
    </section>
  );
}
