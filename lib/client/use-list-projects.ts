"use client";

import { useQuery } from "@tanstack/react-query";
import type { ProjectSummary } from "../projects/queries";
import { projectKeys } from "./query-keys";
import { fetchJson } from "./fetch-json";

export function useListProjects(initialProjects: ProjectSummary[]) {
  const query = useQuery({
    queryKey: projectKeys.list(),
    queryFn: async () => (await fetchJson<{ projects: ProjectSummary[] }>("/api/projects", "Could not load projects.")).projects,
    initialData: initialProjects,
  });
  return { projects: query.data, failed: query.isError, retry: () => void query.refetch() };
}
