"use client";

import { createProject } from "../actions/create-project";
import { projectKeys } from "./query-keys";
import { useActionMutation } from "./action-mutation";

export function useCreateProject() {
  return useActionMutation({
    action: (input: { name: string }) => createProject(input),
    invalidates: [projectKeys.all],
    successToast: (project) => `Project “${project.name}” created.`,
  });
}
