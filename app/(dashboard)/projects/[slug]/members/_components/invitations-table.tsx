"use client";

import { useState } from "react";
import type { InvitationSummary, Team } from "@/lib/teams/queries";
import type { IssuedInvitation } from "@/lib/teams/invitations";
import { ROLE_LABELS } from "@/lib/projects/roles";
import { useReissueInvitation, useRevokeInvitation } from "@/lib/client/use-team";
import { Badge } from "@/components/ui/badge";
import { Dialog } from "@/components/ui/dialog";
import { ResponsiveTable, RowActions, RowButton, type Column, type Layout } from "@/components/ui/responsive-table";
import { RelativeTime } from "@/components/ui/time";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { DisabledReasons } from "./disabled-reason";
import { InvitationLink } from "./invitation-link";

const MUTED = "whitespace-nowrap text-zinc-600 dark:text-zinc-400";

const columns: Column<InvitationSummary>[] = [
  // A long address wraps anywhere rather than pushing the actions out of a tablet's view.
  { header: "Email", card: "title", className: "min-w-40 wrap-anywhere", cell: (invitation) => <span className="font-medium">{invitation.email}</span> },
  { header: "Role", cell: (invitation) => <Badge>{ROLE_LABELS[invitation.role]}</Badge> },
  {
    header: "Invited by",
    className: MUTED,
    wideOnly: true,
    cell: (invitation) => (
      <>
        {invitation.invitedBy ?? "—"}
        <div className="text-xs">
          <RelativeTime iso={invitation.createdAt} />
        </div>
      </>
    ),
  },
  {
    header: "Expires",
    className: MUTED,
    cell: (invitation) => (invitation.expired ? <Badge tone="amber">Expired</Badge> : <RelativeTime iso={invitation.expiresAt} />),
  },
];

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
  const actions = (invitation: InvitationSummary, layout: Layout) => {
    const reissuing = reissue.isPending && reissue.variables?.invitationId === invitation.id;
    return (
      <>
        <RowActions layout={layout}>
          <RowButton
            layout={layout}
            disabled={!invitation.manageable.allowed}
            pending={reissuing}
            onClick={() => reissue.mutate({ projectId, invitationId: invitation.id }, { onSuccess: (issued) => setReissued(issued) })}
            aria-label={`Re-issue link for ${invitation.email}`}
          >
            {reissuing ? "Re-issuing…" : "Re-issue link"}
          </RowButton>
          <RowButton
            layout={layout}
            danger
            disabled={!invitation.manageable.allowed}
            onClick={() => setRevoking(invitation)}
            aria-label={`Revoke the invitation for ${invitation.email}`}
          >
            Revoke
          </RowButton>
        </RowActions>
        <DisabledReasons layout={layout} actions={[invitation.manageable]} />
      </>
    );
  };

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
        <ResponsiveTable
          caption="Pending invitations"
          className="mt-3"
          rows={invitations}
          columns={columns}
          actions={team.you.canManage ? actions : undefined}
        />
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
