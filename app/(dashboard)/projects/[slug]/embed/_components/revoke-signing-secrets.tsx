"use client";

import { useState } from "react";
import { useRevokeEmbedSecrets } from "@/lib/client/use-revoke-embed-secrets";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { FormError } from "@/components/ui/field";
import { FormActions } from "@/components/ui/form-actions";

/** For a leaked secret: every signing secret stops now, and every open widget at its next request. */
export function RevokeSigningSecrets({ projectId }: { projectId: string }) {
  const [confirming, setConfirming] = useState(false);
  const revoke = useRevokeEmbedSecrets(projectId);

  function close() {
    revoke.reset();
    setConfirming(false);
  }

  return (
    <>
      <Button variant="danger" onClick={() => setConfirming(true)}>
        Revoke all secrets now
      </Button>
      <Dialog
        open={confirming}
        onClose={close}
        title="Revoke every signing secret now?"
        description="Every session token stops verifying, every open widget ends at its next request, and no new session can start until you rotate to create a new secret. Use this when a secret has leaked."
      >
        <form
          className="space-y-4"
          onSubmit={(event) => {
            event.preventDefault();
            revoke.mutate(undefined, { onSuccess: close });
          }}
        >
          <FormError message={revoke.error?.message} />
          <FormActions submitLabel="Revoke all secrets" onCancel={close} pending={revoke.isPending} danger />
        </form>
      </Dialog>
    </>
  );
}
