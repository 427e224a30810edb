"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { renameProject } from "../actions/rename-project";
import { projectKeys } from "./query-keys";
import { unwrap } from "./action-mutation";
import { toast } from "./toast";

export function useRenameProject() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { projectId: string; name: string }) => unwrap(renameProject(input)),
    onSuccess: (project) => {
      toast("success", `Project renamed to “${project.name}”.`);
      return queryClient.invalidateQueries({ queryKey: projectKeys.all });
    },
  });
}
