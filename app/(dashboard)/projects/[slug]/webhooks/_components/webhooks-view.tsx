"use client";

import { useState } from "react";
import type { WebhookEndpointView } from "@/lib/webhooks/read";
import { useListWebhookEndpoints } from "@/lib/client/use-list-webhook-endpoints";
import { Button } from "@/components/ui/button";
import { RoleNote } from "@/components/ui/role-note";
import { AddEndpointDialog } from "./add-endpoint-dialog";
import { EndpointCard } from "./endpoint-card";
import type { EventTypeOption } from "./endpoint-form";

export function WebhooksView({
  projectId,
  initial,
  eventTypes,
  canManage,
  roleNote,
}: {
  projectId: string;
  initial: WebhookEndpointView[];
  eventTypes: EventTypeOption[];
  canManage: boolean;
  roleNote: string | null;
}) {
  const { data: endpoints } = useListWebhookEndpoints(projectId, initial);
  const [adding, setAdding] = useState(false);
  return (
    <div className="max-w-4xl space-y-6">
      <RoleNote>{roleNote}</RoleNote>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="max-w-2xl">
          <h2 className="text-base font-semibold">Webhooks</h2>
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
            Keydeck POSTs signed events (Standard Webhooks) to your endpoints when quotas reach 80 % and 100 %, keys near expiry, expire,
            are created, rotated, revoked or leak, and when members come and go. Failed deliveries are retried for 3 days with the same
            webhook-id.
          </p>
        </div>
        {canManage && <Button onClick={() => setAdding(true)}>Add endpoint</Button>}
      </div>
      {endpoints.length === 0 ? (
        <div className="rounded-xl border border-dashed border-zinc-300 p-8 text-center dark:border-zinc-700">
          <p className="text-sm font-medium">No webhook endpoints yet</p>
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
            {canManage ? "Add an endpoint to receive this project's events." : "Owners and admins can add endpoints."}
          </p>
        </div>
      ) : (
        <ul className="space-y-4" aria-label="Webhook endpoints">
          {endpoints.map((endpoint) => (
            <li key={endpoint.id}>
              <EndpointCard projectId={projectId} endpoint={endpoint} eventTypes={eventTypes} canManage={canManage} />
            </li>
          ))}
        </ul>
      )}
      {canManage && <AddEndpointDialog projectId={projectId} open={adding} eventTypes={eventTypes} onClose={() => setAdding(false)} />}
    </div>
  );
}
