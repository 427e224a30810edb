"use client";

import { deleteProject } from "../actions/delete-project";
import { describeReceipt } from "../keys/receipt";
import { projectKeys } from "./query-keys";
import { useActionMutation } from "./action-mutation";

export function useDeleteProject() {
  return useActionMutation({
    action: (input: { projectId: string; confirmName: string }) => deleteProject(input),
    invalidates: [projectKeys.all],
    successToast: ({ receipt }) => (receipt ? `Project deleted: ${describeReceipt(receipt)}.` : "Project deleted."),
  });
}
