"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { Dialog } from "@/components/ui/dialog";
import { FormActions } from "@/components/ui/form-actions";
import { FormError, TextField } from "@/components/ui/field";
import { useCreateProject } from "@/lib/client/use-create-project";
import { ActionError } from "@/lib/client/action-mutation";
import { slugify } from "@/lib/projects/slugify";

export function CreateProjectDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const router = useRouter();
  const [name, setName] = useState("");
  const create = useCreateProject();
  const error = create.error instanceof ActionError ? create.error : null;

  function close() {
    setName("");
    create.reset();
    onClose();
  }

  return (
    <Dialog open={open} onClose={close} title="New project" description="Name the product or service whose API keys this project will hold.">
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          create.mutate(
            { name },
            {
              onSuccess: (project) => {
                close();
                router.push(`/projects/${project.slug}`);
              },
            },
          );
        }}
        className="space-y-4"
      >
        <TextField
          label="Project name"
          name="name"
          autoFocus
          autoComplete="off"
          limit={64}
          value={name}
          onChange={(event) => setName(event.target.value)}
          errors={error?.validationErrors?.name}
          hint={name.trim() ? `Suggested URL: /projects/${slugify(name)}` : "Up to 64 characters. You can rename it later."}
        />
        <FormError message={error && !error.validationErrors ? error.message : null} />
        <FormActions submitLabel="Create project" onCancel={close} pending={create.isPending} />
      </form>
    </Dialog>
  );
}
