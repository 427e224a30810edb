"use client";

import type { KeySummary } from "@/lib/keys/queries";
import type { KeyStatus } from "@/lib/keys/status";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableActionsHeaderCell, TableHeaderCell, TableRow } from "@/components/ui/table";
import { LocalDate, RelativeTime } from "@/components/ui/time";

const MUTED = "whitespace-nowrap text-zinc-600 dark:text-zinc-400";

const STATUS: Record<KeyStatus, { label: string; tone: BadgeTone }> = {
  active: { label: "Active", tone: "green" },
  expiring: { label: "Expiring", tone: "amber" },
  expired: { label: "Expired", tone: "zinc" },
  revoked: { label: "Revoked", tone: "red" },
};

export function KeysTable({
  keys,
  canWrite,
  revokingIds,
  onRevoke,
  onRotate,
}: {
  keys: KeySummary[];
  canWrite: boolean;
  /** Keys whose revocation every API instance has not confirmed yet: shown as pending, never as revoked. */
  revokingIds: ReadonlySet<string>;
  onRevoke: (key: KeySummary) => void;
  onRotate: (key: KeySummary) => void;
}) {
  return (
    <Table caption="API keys" framed className="mt-2">
      <TableHead>
        <TableRow>
          <TableHeaderCell>Name</TableHeaderCell>
          <TableHeaderCell>Key</TableHeaderCell>
          <TableHeaderCell>Created</TableHeaderCell>
          <TableHeaderCell>Last used</TableHeaderCell>
          <TableHeaderCell>Expires</TableHeaderCell>
          <TableHeaderCell>Status</TableHeaderCell>
          {canWrite && (
            <TableActionsHeaderCell />
          )}
        </TableRow>
      </TableHead>
      <TableBody>
        {keys.map((key) => {
          const usable = key.status === "active" || key.status === "expiring";
          const revoking = revokingIds.has(key.id) && key.status !== "revoked";
          return (
            <TableRow key={key.id} aria-busy={revoking || undefined} id={`key-${key.id}`} className="target:bg-indigo-50 dark:target:bg-indigo-950/40">
              <TableCell>
                <div className="font-medium">{key.name}</div>
                {key.rotatedFrom && (
                  <a href={`#key-${key.rotatedFrom.id}`} className="text-xs text-indigo-700 hover:underline dark:text-indigo-400">
                    Replaces <span className="font-mono">{key.rotatedFrom.hint}</span>
                  </a>
                )}
                {key.rotatedTo && (
                  <a href={`#key-${key.rotatedTo.id}`} className="block text-xs text-indigo-700 hover:underline dark:text-indigo-400">
                    Replaced by <span className="font-mono">{key.rotatedTo.hint}</span>
                  </a>
                )}
              </TableCell>
              <TableCell className="whitespace-nowrap">
                <span className="font-mono text-xs">{key.hint}</span>{" "}
                <Badge tone={key.environment === "live" ? "indigo" : "sky"}>{key.environment}</Badge>
              </TableCell>
              <TableCell className={MUTED}>
                <LocalDate iso={key.createdAt} />
                {key.createdBy && <div className="text-xs">by {key.createdBy}</div>}
              </TableCell>
              <TableCell className={MUTED}>{key.lastUsedAt ? <RelativeTime iso={key.lastUsedAt} /> : "Never"}</TableCell>
              <TableCell className={MUTED}>
                {key.revokedAt ? (
                  <span>
                    Revoked <RelativeTime iso={key.revokedAt} />
                  </span>
                ) : key.expiresAt ? (
                  <span>
                    {key.status === "expired" ? "Expired " : "Expires "}
                    <RelativeTime iso={key.expiresAt} />
                  </span>
                ) : (
                  "Never"
                )}
              </TableCell>
              <TableCell>
                {revoking ? (
                  <Badge tone="amber">Revoking…</Badge>
                ) : (
                  <Badge tone={STATUS[key.status].tone}>{STATUS[key.status].label}</Badge>
                )}
              </TableCell>
              {canWrite && (
                <TableCell align="right" className="whitespace-nowrap">
                  {usable && !key.canManage && (
                    <span className="text-xs text-zinc-500 dark:text-zinc-400">Only its creator, admins and owners can change this key</span>
                  )}
                  {usable && key.canManage && (
                    <div className="flex justify-end gap-1">
                      {!key.rotatedTo && (
                        <Button variant="ghost" disabled={revoking} onClick={() => onRotate(key)} aria-label={`Rotate ${key.name} (${key.hint})`}>
                          Rotate
                        </Button>
                      )}
                      <Button
                        variant="ghost"
                        className="text-red-700 dark:text-red-400"
                        disabled={revoking}
                        onClick={() => onRevoke(key)}
                        aria-label={`Revoke ${key.name} (${key.hint})`}
                      >
                        Revoke
                      </Button>
                    </div>
                  )}
                </TableCell>
              )}
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
