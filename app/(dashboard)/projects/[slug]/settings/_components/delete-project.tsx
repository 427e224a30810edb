"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { FormActions } from "@/components/ui/form-actions";
import { Dialog } from "@/components/ui/dialog";
import { FormError, TextField } from "@/components/ui/field";
import { useDeleteProject } from "@/lib/client/use-delete-project";
import { confirmsDeletion } from "@/lib/projects/schemas";

export function DeleteProject({ projectId, projectName, projectSlug }: { projectId: string; projectName: string; projectSlug: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [confirmName, setConfirmName] = useState("");
  const remove = useDeleteProject();

  function close() {
    setOpen(false);
    setConfirmName("");
    remove.reset();
  }

  return (
    <>
      <Button variant="danger" className="mt-4" onClick={() => setOpen(true)}>
        Delete project
      </Button>
      <Dialog
        open={open}
        onClose={close}
        title="Delete this project?"
        description={
          <>
            This permanently deletes <strong>{projectName}</strong> with its keys and activity.
          </>
        }
      >
        <form
          noValidate
          className="space-y-4"
          onSubmit={(event) => {
            event.preventDefault();
            remove.mutate(
              { projectId, confirmName },
              {
                onSuccess: () => {
                  router.replace("/projects");
                  router.refresh();
                },
              },
            );
          }}
        >
          <TextField
            label={`Type the project’s name or its slug, ${projectSlug}, to confirm`}
            name="confirmName"
            autoFocus
            autoComplete="off"
            value={confirmName}
            onChange={(event) => setConfirmName(event.target.value)}
          />
          <FormError message={remove.error?.message} />
          <FormActions submitLabel="Delete project" onCancel={close} pending={remove.isPending} disabled={!confirmsDeletion(confirmName, { name: projectName, slug: projectSlug })} danger />
        </form>
      </Dialog>
    </>
  );
}
