"use client";

import { useState } from "react";
import type { EmbedSecretSummary } from "@/lib/embed/settings";
import type { Overlap } from "@/lib/keys/schemas";
import { useRotateEmbedSecret } from "@/lib/client/use-rotate-embed-secret";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { FormError } from "@/components/ui/field";
import { FormActions } from "@/components/ui/form-actions";
import { OverlapField } from "@/components/ui/overlap-field";
import { LocalDate, RelativeTime } from "@/components/ui/time";
import { RevealSigningSecret } from "./reveal-signing-secret";
import { RevokeSigningSecrets } from "./revoke-signing-secrets";

export function SigningSecrets({ projectId, secrets, canWrite }: { projectId: string; secrets: EmbedSecretSummary[]; canWrite: boolean }) {
  const [rotating, setRotating] = useState(false);
  const [overlap, setOverlap] = useState<Overlap>("24h");
  const rotate = useRotateEmbedSecret(projectId);
  const issued = rotate.data?.secret ?? null;

  function close() {
    rotate.reset();
    setOverlap("24h");
    setRotating(false);
  }

  return (
    <div>
      <div className="flex flex-col gap-2 sm:flex-row sm:items-center sm:justify-between sm:gap-4">
        <h3 className="text-sm font-medium">Signing secrets</h3>
        {canWrite && (
          <span className="flex flex-wrap gap-2">
            <Button variant="secondary" onClick={() => setRotating(true)}>
              Rotate secret
            </Button>
            <RevokeSigningSecrets projectId={projectId} />
          </span>
        )}
      </div>
      {secrets.length === 0 && <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">No signing secret: rotate to create one.</p>}
      <ul className="mt-2 divide-y divide-zinc-200 rounded-md ring-1 ring-zinc-200 dark:divide-zinc-800 dark:ring-zinc-800" aria-label="Signing secrets">
        {secrets.map((secret) => (
          <li key={secret.id} className="flex flex-wrap items-center justify-between gap-2 px-3 py-2 text-sm">
            <span className="font-mono">{secret.hint}</span>
            <span className="flex items-center gap-2 text-zinc-600 dark:text-zinc-400">
              Created <LocalDate iso={secret.createdAt} />
              {secret.expiresAt ? (
                <Badge tone="amber">
                  Stops <RelativeTime iso={secret.expiresAt} />
                </Badge>
              ) : (
                <Badge tone="green">Current</Badge>
              )}
            </span>
          </li>
        ))}
      </ul>
      <p className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">
        Session tokens are signed with the current secret; a rotated secret still verifies tokens until its overlap ends. Rotating
        &ldquo;now&rdquo; ends every secret, and every open widget, at once.
      </p>

      <Dialog
        open={rotating}
        onClose={close}
        dismissible={!issued}
        title={issued ? "Copy your new signing secret" : "Rotate signing secret"}
        description={issued ? undefined : "New sessions are signed with a new secret at once. Choose how long tokens signed with the current one keep working."}
      >
        {issued ? (
          <RevealSigningSecret plaintext={issued.plaintext} onDone={close} />
        ) : (
          <form
            className="space-y-4"
            onSubmit={(event) => {
              event.preventDefault();
              rotate.mutate(overlap);
            }}
          >
            <OverlapField legend="Current secret keeps working for" value={overlap} onChange={setOverlap} />
            <FormError message={rotate.error?.message} />
            <FormActions submitLabel="Rotate secret" onCancel={close} pending={rotate.isPending} />
          </form>
        )}
      </Dialog>
    </div>
  );
}
