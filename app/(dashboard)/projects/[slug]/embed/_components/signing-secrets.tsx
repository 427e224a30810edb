"use client";

import { useState } from "react";
import type { EmbedSecretSummary } from "@/lib/embed/settings";
import { useRotateEmbedSecret } from "@/lib/client/use-rotate-embed-secret";
import { Button } from "@/components/ui/button";
import { RotateSecretDialog } from "@/components/ui/rotate-secret-dialog";
import { SecretHints } from "@/components/ui/secret-hints";
import { RevealSigningSecret } from "./reveal-signing-secret";
import { RevokeSigningSecrets } from "./revoke-signing-secrets";

export function SigningSecrets({ projectId, secrets, canWrite }: { projectId: string; secrets: EmbedSecretSummary[]; canWrite: boolean }) {
  const [rotating, setRotating] = useState(false);
  const rotate = useRotateEmbedSecret(projectId);
  const issued = rotate.data?.secret ?? null;

  function close() {
    rotate.reset();
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
      <SecretHints label="Signing secrets" secrets={secrets} />
      <p className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">
        Session tokens are signed with the current secret; a rotated secret still verifies tokens until its overlap ends. Rotating
        &ldquo;now&rdquo; ends every secret, and every open widget, at once.
      </p>

      <RotateSecretDialog
        open={rotating}
        revealed={issued !== null}
        reveal={issued && <RevealSigningSecret plaintext={issued.plaintext} onDone={close} />}
        description="New sessions are signed with a new secret at once. Choose how long tokens signed with the current one keep working."
        legend="Current secret keeps working for"
        pending={rotate.isPending}
        error={rotate.error}
        onRotate={(overlap) => rotate.mutate(overlap)}
        onClose={close}
      />
    </div>
  );
}
