"use client";

import { useState } from "react";
import type { ProjectSummary } from "@/lib/projects/queries";
import { useListProjects } from "@/lib/client/use-list-projects";
import { Button } from "@/components/ui/button";
import { CreateProjectDialog } from "./create-project-dialog";
import { ProjectCard } from "./project-card";

export function ProjectsView({ initialProjects }: { initialProjects: ProjectSummary[] }) {
  const [creating, setCreating] = useState(false);
  const { projects, failed, retry } = useListProjects(initialProjects);

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

      {failed && (
        <p role="alert" className="mt-6 text-sm text-red-600">
          Could not refresh the list.{" "}
          <button type="button" className="underline" onClick={retry}>
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
        <ul aria-label="Your projects" className="mt-6 grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {projects.map((project) => (
            <li key={project.id}>
              <ProjectCard project={project} />
            </li>
          ))}
        </ul>
      )}

      <CreateProjectDialog open={creating} onClose={() => setCreating(false)} />
    </section>
  );
}
