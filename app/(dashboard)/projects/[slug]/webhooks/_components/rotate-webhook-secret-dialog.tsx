"use client";

import { useRotateWebhookSecret } from "@/lib/client/use-rotate-webhook-secret";
import { RotateSecretDialog } from "@/components/ui/rotate-secret-dialog";
import { RevealWebhookSecret } from "./reveal-webhook-secret";

export function RotateWebhookSecretDialog({ projectId, endpointId, open, onClose }: { projectId: string; endpointId: string; open: boolean; onClose: () => void }) {
  const rotate = useRotateWebhookSecret(projectId, endpointId);
  const issued = rotate.data?.secret ?? null;
  function close() {
    rotate.reset();
    onClose();
  }
  return (
    <RotateSecretDialog
      open={open}
      revealed={issued !== null}
      reveal={issued && <RevealWebhookSecret plaintext={issued.plaintext} onDone={close} />}
      description="Messages are signed with a new secret at once. During the overlap they carry both signatures, so your endpoint can switch secrets at its own pace."
      legend="Current secret keeps signing for"
      pending={rotate.isPending}
      error={rotate.error}
      onRotate={(overlap) => rotate.mutate(overlap)}
      onClose={close}
    />
  );
}
