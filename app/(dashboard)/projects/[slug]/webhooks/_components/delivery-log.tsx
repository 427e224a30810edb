"use client";

import type { WebhookEndpointView } from "@/lib/webhooks/read";
import { useListWebhookAttempts } from "@/lib/client/use-list-webhook-attempts";
import { useResendWebhook } from "@/lib/client/use-resend-webhook";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Table, TableActionsHeaderCell, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@/components/ui/table";
import { LocalDate } from "@/components/ui/time";

/** Every attempt to the endpoint, newest first: time, event, outcome, latency, the answer's first 2 KiB, and Resend. */
export function DeliveryLog({ projectId, endpoint, canManage }: { projectId: string; endpoint: WebhookEndpointView; canManage: boolean }) {
  const attempts = useListWebhookAttempts(projectId, endpoint.id);
  const resend = useResendWebhook(projectId, endpoint.id);
  if (attempts.isPending) return <p className="text-sm text-zinc-600 dark:text-zinc-400">Loading the delivery log…</p>;
  if (attempts.isError) return <p role="alert" className="text-sm text-red-700 dark:text-red-300">{attempts.error.message}</p>;
  if (attempts.data.length === 0) return <p className="text-sm text-zinc-600 dark:text-zinc-400">No deliveries yet. Send a test event to try the endpoint.</p>;
  return (
    <Table caption={`Delivery log of ${endpoint.url}`} framed>
      <TableHead>
        <TableRow>
          <TableHeaderCell>Time</TableHeaderCell>
          <TableHeaderCell>Event</TableHeaderCell>
          <TableHeaderCell>Result</TableHeaderCell>
          <TableHeaderCell align="right">Latency</TableHeaderCell>
          <TableHeaderCell>Response</TableHeaderCell>
          {canManage && <TableActionsHeaderCell />}
        </TableRow>
      </TableHead>
      <TableBody>
        {attempts.data.map((attempt) => {
          const ok = attempt.statusCode !== null && attempt.statusCode >= 200 && attempt.statusCode < 300 && !attempt.error;
          return (
            <TableRow key={attempt.id}>
              <TableCell className="whitespace-nowrap">
                <LocalDate iso={attempt.startedAt} />
                <span className="block text-xs text-zinc-500">
                  Attempt {attempt.number}
                  {attempt.trigger === "manual" ? " (resend)" : ""}
                </span>
              </TableCell>
              <TableCell>
                <span className="font-mono text-xs">{attempt.eventType}</span>
                <span className="block font-mono text-xs text-zinc-500">{attempt.eventId}</span>
              </TableCell>
              <TableCell>
                {attempt.finishedAt === null ? (
                  <Badge tone="sky">Sending…</Badge>
                ) : (
                  <Badge tone={ok ? "green" : "red"}>{attempt.statusCode !== null ? `HTTP ${attempt.statusCode}` : "No answer"}</Badge>
                )}
                {attempt.error && <span className="mt-1 block max-w-xs text-xs text-red-700 dark:text-red-300">{attempt.error}</span>}
              </TableCell>
              <TableCell align="right" className="tabular-nums">
                {attempt.latencyMs !== null ? `${attempt.latencyMs} ms` : "—"}
              </TableCell>
              <TableCell>
                {attempt.responseBody ? (
                  <details>
                    <summary className="cursor-pointer text-xs">Show body</summary>
                    <pre className="mt-1 max-h-48 max-w-md overflow-auto rounded bg-zinc-50 p-2 text-xs whitespace-pre-wrap break-all dark:bg-zinc-950">{attempt.responseBody}</pre>
                  </details>
                ) : (
                  <span className="text-xs text-zinc-500">—</span>
                )}
              </TableCell>
              {canManage && (
                <TableCell align="right">
                  <Button
                    variant="secondary"
                    disabled={!endpoint.enabled}
                    pending={resend.isPending && resend.variables === attempt.deliveryId}
                    aria-label={`Resend ${attempt.eventType} ${attempt.eventId} (attempt ${attempt.number})`}
                    onClick={() => resend.mutate(attempt.deliveryId)}
                  >
                    Resend
                  </Button>
                </TableCell>
              )}
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
