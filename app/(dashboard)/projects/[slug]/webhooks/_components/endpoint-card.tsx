"use client";

import { useState } from "react";
import type { WebhookEndpointView } from "@/lib/webhooks/read";
import { useSetWebhookEndpointEnabled } from "@/lib/client/use-set-webhook-endpoint-enabled";
import { useSendTestWebhook } from "@/lib/client/use-send-test-webhook";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { LocalDate, RelativeTime } from "@/components/ui/time";
import { SecretHints } from "@/components/ui/secret-hints";
import { DeliveryLog } from "./delivery-log";
import { DeleteEndpointDialog } from "./delete-endpoint-dialog";
import { EditEndpointDialog } from "./edit-endpoint-dialog";
import { RotateWebhookSecretDialog } from "./rotate-webhook-secret-dialog";
import type { EventTypeOption } from "./endpoint-form";

type Open = "edit" | "rotate" | "delete" | null;

export function EndpointCard({ projectId, endpoint, eventTypes, canManage }: { projectId: string; endpoint: WebhookEndpointView; eventTypes: EventTypeOption[]; canManage: boolean }) {
  const [open, setOpen] = useState<Open>(null);
  const [showLog, setShowLog] = useState(false);
  const setEnabled = useSetWebhookEndpointEnabled(projectId, endpoint.id);
  const sendTest = useSendTestWebhook(projectId, endpoint.id);
  const logId = `log-${endpoint.id}`;
  return (
    <article aria-label={endpoint.url} className="rounded-xl bg-white p-5 ring-1 ring-zinc-200 dark:bg-zinc-900 dark:ring-zinc-800">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h3 className="flex flex-wrap items-center gap-2 text-sm font-semibold">
            <span className="font-mono break-all">{endpoint.url}</span>
            <Badge tone={endpoint.enabled ? "green" : "zinc"}>{endpoint.enabled ? "Enabled" : "Disabled"}</Badge>
            {endpoint.enabled && endpoint.failingSince && (
              <Badge tone="amber">
                Failing since <RelativeTime iso={endpoint.failingSince} />
              </Badge>
            )}
          </h3>
          {endpoint.description && <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{endpoint.description}</p>}
        </div>
        {canManage && (
          <div className="flex flex-wrap gap-2">
            <Button variant="secondary" onClick={() => setOpen("edit")}>
              Edit
            </Button>
            <Button variant="secondary" pending={setEnabled.isPending} onClick={() => setEnabled.mutate(!endpoint.enabled)}>
              {setEnabled.isPending ? (endpoint.enabled ? "Disabling…" : "Enabling…") : endpoint.enabled ? "Disable" : "Enable"}
            </Button>
            <Button variant="secondary" disabled={!endpoint.enabled} pending={sendTest.isPending} onClick={() => sendTest.mutate(undefined, { onSuccess: () => setShowLog(true) })}>
              Send test event
            </Button>
            <Button variant="secondary" onClick={() => setOpen("rotate")}>
              Rotate secret
            </Button>
            <Button variant="danger" onClick={() => setOpen("delete")}>
              Delete
            </Button>
          </div>
        )}
      </div>
      {endpoint.disabledReason && (
        <p role="status" className="mt-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-950/50 dark:text-red-200">
          {endpoint.disabledReason} {canManage ? "Fix the endpoint, then enable it again." : null}
        </p>
      )}
      <dl className="mt-3 grid gap-2 text-sm sm:grid-cols-[8rem_1fr]">
        <dt className="text-zinc-500 dark:text-zinc-400">Events</dt>
        <dd className="flex flex-wrap gap-1">
          {endpoint.eventTypes.map((type) => (
            <span key={type} className="rounded bg-zinc-100 px-1.5 py-0.5 font-mono text-xs dark:bg-zinc-800">
              {type}
            </span>
          ))}
        </dd>
        <dt className="text-zinc-500 dark:text-zinc-400">Signing secrets</dt>
        <dd>
          <SecretHints label={`Signing secrets of ${endpoint.url}`} secrets={endpoint.secrets} />
        </dd>
        <dt className="text-zinc-500 dark:text-zinc-400">Added</dt>
        <dd>
          <LocalDate iso={endpoint.createdAt} />
        </dd>
      </dl>
      <div className="mt-4">
        <Button variant="secondary" aria-expanded={showLog} aria-controls={logId} onClick={() => setShowLog((v) => !v)}>
          {showLog ? "Hide delivery log" : "Delivery log"}
        </Button>
        {showLog && (
          <div id={logId} className="mt-3">
            <DeliveryLog projectId={projectId} endpoint={endpoint} canManage={canManage} />
          </div>
        )}
      </div>
      {canManage && (
        <>
          <EditEndpointDialog projectId={projectId} endpoint={endpoint} eventTypes={eventTypes} open={open === "edit"} onClose={() => setOpen(null)} />
          <RotateWebhookSecretDialog projectId={projectId} endpointId={endpoint.id} open={open === "rotate"} onClose={() => setOpen(null)} />
          <DeleteEndpointDialog projectId={projectId} endpoint={endpoint} open={open === "delete"} onClose={() => setOpen(null)} />
        </>
      )}
    </article>
  );
}
