"use client";

import { useState } from "react";
import type { InvitationSummary, Team } from "@/lib/teams/queries";
import type { IssuedInvitation } from "@/lib/teams/invitations";
import { ROLE_LABELS } from "@/lib/projects/roles";
import { useReissueInvitation, useRevokeInvitation } from "@/lib/client/use-team";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Table, TableBody, TableCell, TableHead, TableActionsHeaderCell, TableHeaderCell, TableRow } from "@/components/ui/table";
import { RelativeTime } from "@/components/ui/time";
import { ConfirmDialog } from "./confirm-dialog";
import { DisabledReasons } from "./disabled-reason";
import { InvitationLink } from "./invitation-link";

const MUTED = "whitespace-nowrap text-zinc-600 dark:text-zinc-400";

export function InvitationsTable({ projectId, team, onInvite }: { projectId: string; team: Team; onInvite?: () => void }) {
  const [revoking, setRevoking] = useState<InvitationSummary | null>(null);
  const [reissued, setReissued] = useState<IssuedInvitation | null>(null);
  const revoke = useRevokeInvitation();
  const reissue = useReissueInvitation();
  const closeRevoke = () => {
    revoke.reset();
    setRevoking(null);
  };
  const { invitations } = team;

  return (
    <section aria-labelledby="invitations-heading">
      <h2 id="invitations-heading" className="text-lg font-semibold">
        Pending invitations
      </h2>
      {invitations.length === 0 ? (
        <div className="mt-3 rounded-xl border border-dashed border-zinc-300 p-6 text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
          No pending invitations.{" "}
          {onInvite && (
            <button type="button" onClick={onInvite} className="font-medium text-indigo-700 hover:underline dark:text-indigo-400">
              Invite someone
            </button>
          )}
        </div>
      ) : (
        <Table caption="Pending invitations" framed className="mt-3">
          <TableHead>
            <TableRow>
              <TableHeaderCell>Email</TableHeaderCell>
              <TableHeaderCell>Role</TableHeaderCell>
              <TableHeaderCell>Invited by</TableHeaderCell>
              <TableHeaderCell>Expires</TableHeaderCell>
              {team.you.canManage && (
                <TableActionsHeaderCell />
              )}
            </TableRow>
          </TableHead>
          <TableBody>
            {invitations.map((invitation) => {
              const reissuing = reissue.isPending && reissue.variables?.invitationId === invitation.id;
              return (
                <TableRow key={invitation.id}>
                  <TableCell className="font-medium">{invitation.email}</TableCell>
                  <TableCell>
                    <Badge>{ROLE_LABELS[invitation.role]}</Badge>
                  </TableCell>
                  <TableCell className={MUTED}>
                    {invitation.invitedBy ?? "—"}
                    <div className="text-xs">
                      <RelativeTime iso={invitation.createdAt} />
                    </div>
                  </TableCell>
                  <TableCell className={MUTED}>
                    {invitation.expired ? <Badge tone="amber">Expired</Badge> : <RelativeTime iso={invitation.expiresAt} />}
                  </TableCell>
                  {team.you.canManage && (
                    <TableCell align="right" className="whitespace-nowrap">
                      <div className="flex justify-end gap-1">
                        <Button
                          variant="ghost"
                          disabled={!invitation.manageable.allowed}
                          pending={reissuing}
                          onClick={() => reissue.mutate({ projectId, invitationId: invitation.id }, { onSuccess: (issued) => setReissued(issued) })}
                          aria-label={`Re-issue link for ${invitation.email}`}
                        >
                          {reissuing ? "Re-issuing…" : "Re-issue link"}
                        </Button>
                        <Button
                          variant="ghost"
                          className="text-red-700 dark:text-red-400"
                          disabled={!invitation.manageable.allowed}
                          onClick={() => setRevoking(invitation)}
                          aria-label={`Revoke the invitation for ${invitation.email}`}
                        >
                          Revoke
                        </Button>
                      </div>
                      <DisabledReasons actions={[invitation.manageable]} />
                    </TableCell>
                  )}
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      )}
      <ConfirmDialog
        open={Boolean(revoking)}
        title={`Revoke the invitation for ${revoking?.email ?? ""}?`}
        description="The link stops working at once. You can invite them again later."
        confirmLabel="Revoke invitation"
        pendingLabel="Revoking…"
        danger
        pending={revoke.isPending}
        error={revoke.error}
        onClose={closeRevoke}
        onConfirm={() => revoking && revoke.mutate({ projectId, invitationId: revoking.id, email: revoking.email }, { onSuccess: closeRevoke })}
      />
      <Dialog open={Boolean(reissued)} onClose={() => setReissued(null)} dismissible={false} title="Copy the new invitation link" description="The previous link no longer works.">
        {reissued && <InvitationLink invitation={reissued} onDone={() => { reissue.reset(); setReissued(null); }} />}
      </Dialog>
    </section>
  );
}
