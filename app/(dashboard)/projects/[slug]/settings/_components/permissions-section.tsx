"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormError, TextField } from "@/components/ui/field";
import { ActionError } from "@/lib/client/action-mutation";
import { useDefinePermission, useRemovePermission } from "@/lib/client/use-key-policy";
import type { ProjectPermissionSummary } from "@/lib/keys/permissions";

/** The project's permission names, which keys are scoped to and verify calls ask for. */
export function PermissionsSection({ projectId, permissions, canWrite }: { projectId: string; permissions: ProjectPermissionSummary[]; canWrite: boolean }) {
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const define = useDefinePermission(projectId);
  const remove = useRemovePermission(projectId);
  const error = define.error instanceof ActionError ? define.error : null;
  const removing = remove.isPending ? remove.variables : null;
  return (
    <section aria-labelledby="permissions-heading" className="rounded-xl bg-white p-6 ring-1 ring-zinc-200 dark:bg-zinc-900 dark:ring-zinc-800">
      <h2 id="permissions-heading" className="text-base font-semibold">
        Permissions
      </h2>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
        Names your API asks for when it verifies a key (<code>&quot;permissions&quot;: &quot;charges.write AND refunds.read&quot;</code>). A key holds all of them unless its page limits it. At most 200.
      </p>
      {permissions.length === 0 ? (
        <p className="mt-4 text-sm text-zinc-500 dark:text-zinc-400">No permissions yet: every key may do everything the project may.</p>
      ) : (
        <ul className="mt-4 divide-y divide-zinc-200 dark:divide-zinc-800" aria-label="Project permissions">
          {permissions.map((permission) => (
            <li key={permission.name} className="flex items-center justify-between gap-3 py-2">
              <span className="min-w-0">
                <span className="font-mono text-sm">{permission.name}</span>
                {permission.description && <span className="ml-2 text-sm text-zinc-500 dark:text-zinc-400">{permission.description}</span>}
              </span>
              {canWrite && (
                <Button variant="ghost-danger" pending={removing === permission.name} disabled={removing !== null} onClick={() => remove.mutate(permission.name)} aria-label={`Remove permission ${permission.name}`}>
                  {removing === permission.name ? "Removing…" : "Remove"}
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      {canWrite && (
        <form
          noValidate
          aria-label="Add a permission"
          className="mt-4 flex flex-col gap-3 sm:flex-row sm:items-start"
          onSubmit={(event) => {
            event.preventDefault();
            define.mutate({ name, description }, { onSuccess: () => (setName(""), setDescription("")) });
          }}
        >
          <TextField label="Permission name" className="flex-1 font-mono" placeholder="charges.write" value={name} onChange={(event) => setName(event.target.value)} errors={error?.validationErrors?.name} />
          <TextField label="Description (optional)" className="flex-1" value={description} onChange={(event) => setDescription(event.target.value)} errors={error?.validationErrors?.description} />
          <Button type="submit" className="sm:mt-6" pending={define.isPending} disabled={name.trim() === ""}>
            Add permission
          </Button>
        </form>
      )}
      <div className="mt-2">
        <FormError message={error && !error.validationErrors ? error.message : null} />
      </div>
    </section>
  );
}
