"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { createProject } from "../actions/create-project";
import { projectKeys } from "./query-keys";
import { unwrap } from "./action-mutation";
import { toast } from "./toast";

export function useCreateProject() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string }) => unwrap(createProject(input)),
    onSuccess: (project) => {
      toast("success", `Project “${project.name}” created.`);
      return queryClient.invalidateQueries({ queryKey: projectKeys.all });
    },
  });
}
