"use client";

import { renameProject } from "../actions/rename-project";
import { projectKeys } from "./query-keys";
import { useActionMutation } from "./action-mutation";

export function useRenameProject() {
  return useActionMutation({
    action: (input: { projectId: string; name: string }) => renameProject(input),
    invalidates: [projectKeys.all],
    refreshesPages: true, // the name heads every page of the project
    successToast: (project) => `Project renamed to “${project.name}”.`,
  });
}
