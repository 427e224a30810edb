"use client";

import type { WebhookEndpointView } from "@/lib/webhooks/read";
import { useDeleteWebhookEndpoint } from "@/lib/client/use-delete-webhook-endpoint";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";

export function DeleteEndpointDialog({ projectId, endpoint, open, onClose }: { projectId: string; endpoint: WebhookEndpointView; open: boolean; onClose: () => void }) {
  const remove = useDeleteWebhookEndpoint(projectId, endpoint.id);
  function close() {
    remove.reset();
    onClose();
  }
  return (
    <ConfirmDialog
      open={open}
      title="Delete webhook endpoint"
      description={
        <>
          Nothing more is sent to <span className="font-mono break-all">{endpoint.url}</span>; its delivery log and pending retries are deleted.
        </>
      }
      confirmLabel="Delete endpoint"
      pendingLabel="Deleting…"
      danger
      pending={remove.isPending}
      error={remove.error}
      onConfirm={() => remove.mutate(undefined, { onSuccess: close })}
      onClose={close}
    />
  );
}
