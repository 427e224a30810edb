"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { deleteProject } from "../actions/delete-project";
import { projectKeys } from "./query-keys";
import { unwrap } from "./action-mutation";
import { toast } from "./toast";

export function useDeleteProject() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { projectId: string; confirmName: string }) => unwrap(deleteProject(input)),
    onSuccess: () => {
      toast("success", "Project deleted.");
      return queryClient.invalidateQueries({ queryKey: projectKeys.all });
    },
  });
}
