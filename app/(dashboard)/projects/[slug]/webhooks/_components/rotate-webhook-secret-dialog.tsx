"use client";

import { useState } from "react";
import type { Overlap } from "@/lib/keys/schemas";
import { useRotateWebhookSecret } from "@/lib/client/use-rotate-webhook-secret";
import { Dialog } from "@/components/ui/dialog";
import { FormError } from "@/components/ui/field";
import { FormActions } from "@/components/ui/form-actions";
import { OverlapField } from "@/components/ui/overlap-field";
import { RevealWebhookSecret } from "./reveal-webhook-secret";

export function RotateWebhookSecretDialog({ projectId, endpointId, open, onClose }: { projectId: string; endpointId: string; open: boolean; onClose: () => void }) {
  const [overlap, setOverlap] = useState<Overlap>("24h");
  const rotate = useRotateWebhookSecret(projectId, endpointId);
  const issued = rotate.data?.secret ?? null;
  function close() {
    rotate.reset();
    setOverlap("24h");
    onClose();
  }
  return (
    <Dialog
      open={open}
      onClose={close}
      dismissible={!issued}
      title={issued ? "Copy your new signing secret" : "Rotate signing secret"}
      description={issued ? undefined : "Messages are signed with a new secret at once. During the overlap they carry both signatures, so your endpoint can switch secrets at its own pace."}
    >
      {issued ? (
        <RevealWebhookSecret plaintext={issued.plaintext} onDone={close} />
      ) : (
        <form
          className="space-y-4"
          onSubmit={(event) => {
            event.preventDefault();
            rotate.mutate(overlap);
          }}
        >
          <OverlapField legend="Current secret keeps signing for" value={overlap} onChange={setOverlap} />
          <FormError message={rotate.error?.message} />
          <FormActions submitLabel="Rotate secret" onCancel={close} pending={rotate.isPending} />
        </form>
      )}
    </Dialog>
  );
}
