"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormError, TextField } from "@/components/ui/field";
import { ActionError } from "@/lib/client/action-mutation";
import { useRenameKey } from "@/lib/client/use-key-policy";

export function RenameKeyForm({ projectId, keyId, currentName }: { projectId: string; keyId: string; currentName: string }) {
  const [name, setName] = useState(currentName);
  const rename = useRenameKey(projectId, keyId);
  const error = rename.error instanceof ActionError ? rename.error : null;
  return (
    <form
      noValidate
      aria-label="Rename key"
      className="flex flex-col gap-3 sm:flex-row sm:items-start"
      onSubmit={(event) => {
        event.preventDefault();
        rename.mutate(name);
      }}
    >
      <TextField label="Key name" name="name" className="flex-1" limit={64} value={name} onChange={(event) => setName(event.target.value)} errors={error?.validationErrors?.name} />
      <Button type="submit" className="sm:mt-6" pending={rename.isPending} disabled={name.trim() === currentName}>
        Save name
      </Button>
      <FormError message={error && !error.validationErrors ? error.message : null} />
    </form>
  );
}
