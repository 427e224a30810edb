"use client";

import { useCreateWebhookEndpoint } from "@/lib/client/use-create-webhook-endpoint";
import { EVENT_TYPE_NAMES } from "@/lib/webhooks/event-types";
import { Dialog } from "@/components/ui/dialog";
import { EndpointForm, type EventTypeOption } from "./endpoint-form";
import { RevealWebhookSecret } from "./reveal-webhook-secret";

/** Adds an endpoint (one request, however often the form is sent), then shows its signing secret once. */
export function AddEndpointDialog({ projectId, open, eventTypes, onClose }: { projectId: string; open: boolean; eventTypes: EventTypeOption[]; onClose: () => void }) {
  const create = useCreateWebhookEndpoint(projectId);
  const issued = create.data?.secret ?? null;
  function close() {
    create.reset();
    onClose();
  }
  return (
    <Dialog
      open={open}
      onClose={close}
      dismissible={!issued}
      title={issued ? "Copy the endpoint's signing secret" : "Add webhook endpoint"}
      description={issued ? undefined : "Keydeck signs every message to this URL with a secret only you and Keydeck know."}
    >
      {issued ? (
        <RevealWebhookSecret
          plaintext={issued.plaintext}
          onDone={() => {
            create.confirmReveal();
            close();
          }}
        />
      ) : (
        open && (
          <EndpointForm
            initial={{ url: "", description: "", eventTypes: [...EVENT_TYPE_NAMES] }}
            eventTypes={eventTypes}
            submitLabel="Add endpoint"
            pending={create.isPending}
            error={create.error}
            onSubmit={(values) => create.mutate(values)}
            onCancel={close}
          />
        )
      )}
    </Dialog>
  );
}
