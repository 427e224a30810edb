"use client";

import { createProject } from "../actions/create-project";
import { projectKeys } from "./query-keys";
import { useIdempotentMutation } from "./idempotent-mutation";

export function useCreateProject() {
  return useIdempotentMutation({
    action: (input: { name: string }, idempotencyKey) => createProject({ ...input, idempotencyKey }),
    invalidates: [projectKeys.all],
    successToast: (project) => `Project “${project.name}” created.`,
  });
}
