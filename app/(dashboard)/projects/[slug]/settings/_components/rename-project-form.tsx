"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormError, TextField } from "@/components/ui/field";
import { useRenameProject } from "@/lib/client/use-rename-project";
import { ActionError } from "@/lib/client/action-mutation";

export function RenameProjectForm({ projectId, currentName }: { projectId: string; currentName: string }) {
  const [name, setName] = useState(currentName);
  const rename = useRenameProject();
  const error = rename.error instanceof ActionError ? rename.error : null;

  return (
    <form
      noValidate
      className="mt-4 space-y-3"
      onSubmit={(event) => {
        event.preventDefault();
        rename.mutate({ projectId, name });
      }}
    >
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start">
        <TextField
          label="Project name"
          name="name"
          className="flex-1"
          limit={64}
          value={name}
          onChange={(event) => setName(event.target.value)}
          errors={error?.validationErrors?.name}
        />
        <Button type="submit" className="sm:mt-6" pending={rename.isPending} disabled={name.trim() === currentName}>
          Save
        </Button>
      </div>
      <FormError message={error && !error.validationErrors ? error.message : null} />
    </form>
  );
}
