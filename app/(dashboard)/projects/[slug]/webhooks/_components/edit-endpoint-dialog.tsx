"use client";

import type { WebhookEndpointView } from "@/lib/webhooks/read";
import { useUpdateWebhookEndpoint } from "@/lib/client/use-update-webhook-endpoint";
import { Dialog } from "@/components/ui/dialog";
import { EndpointForm, type EventTypeOption } from "./endpoint-form";

export function EditEndpointDialog({ projectId, endpoint, eventTypes, open, onClose }: { projectId: string; endpoint: WebhookEndpointView; eventTypes: EventTypeOption[]; open: boolean; onClose: () => void }) {
  const update = useUpdateWebhookEndpoint(projectId, endpoint.id);
  function close() {
    update.reset();
    onClose();
  }
  return (
    <Dialog open={open} onClose={close} title="Edit webhook endpoint">
      {open && (
        <EndpointForm
          initial={endpoint}
          eventTypes={eventTypes}
          submitLabel="Save endpoint"
          pending={update.isPending}
          error={update.error}
          onSubmit={(values) => update.mutate(values, { onSuccess: close })}
          onCancel={close}
        />
      )}
    </Dialog>
  );
}
