"use client";

import { useState } from "react";
import type { MemberSummary, Team } from "@/lib/teams/queries";
import { ROLE_LABELS } from "@/lib/projects/roles";
import { Badge } from "@/components/ui/badge";
import { ResponsiveTable, RowActions, RowButton, type Column, type Layout } from "@/components/ui/responsive-table";
import { LocalDate, RelativeTime } from "@/components/ui/time";
import { ChangeRoleDialog } from "./change-role-dialog";
import { DisabledReasons } from "./disabled-reason";
import { RemoveMemberDialog } from "./remove-member-dialog";
import { TransferOwnershipDialog } from "./transfer-ownership-dialog";

const MUTED = "whitespace-nowrap text-zinc-600 dark:text-zinc-400";

export const memberName = (member: Pick<MemberSummary, "name" | "email">) => member.name ?? member.email ?? "Unnamed member";

function RoleSources({ member }: { member: MemberSummary }) {
  const { invited, group } = member.sources;
  return (
    <div className="mt-1 space-y-0.5 text-xs text-zinc-500 dark:text-zinc-400">
      {invited && <div>{group ? `Invited as ${ROLE_LABELS[invited]}` : "Invited"}</div>}
      {group && (
        <div>
          {invited ? `${ROLE_LABELS[group.role]} via group ` : "Via group "}
          <span className="font-mono">{group.path}</span>
        </div>
      )}
    </div>
  );
}

const columns: Column<MemberSummary>[] = [
  {
    header: "Member",
    card: "title",
    cell: (member) => (
      <>
        <div className="font-medium">
          {memberName(member)} {member.isYou && <Badge>You</Badge>}
        </div>
        {member.email && member.name && <div className="text-xs text-zinc-500 dark:text-zinc-400">{member.email}</div>}
      </>
    ),
  },
  {
    header: "Role",
    cell: (member) => (
      <>
        <Badge tone={member.role === "owner" ? "indigo" : "zinc"}>{ROLE_LABELS[member.role]}</Badge>
        <RoleSources member={member} />
      </>
    ),
  },
  { header: "Joined", className: MUTED, cell: (member) => <LocalDate iso={member.joinedAt} /> },
  { header: "Last active", className: MUTED, cell: (member) => (member.lastActiveAt ? <RelativeTime iso={member.lastActiveAt} /> : "Not yet") },
];

export function MembersTable({ projectId, team }: { projectId: string; team: Team }) {
  const [changing, setChanging] = useState<MemberSummary | null>(null);
  const [removing, setRemoving] = useState<MemberSummary | null>(null);
  const [transferring, setTransferring] = useState<MemberSummary | null>(null);

  const actions = (member: MemberSummary, layout: Layout) => {
    const name = memberName(member);
    const { changeRole, remove, transfer } = member.actions;
    return (
      <>
        <RowActions layout={layout}>
          <RowButton layout={layout} disabled={!changeRole.allowed} onClick={() => setChanging(member)} aria-label={`Change role of ${name}`}>
            Change role
          </RowButton>
          {transfer.allowed && (
            <RowButton layout={layout} onClick={() => setTransferring(member)} aria-label={`Transfer ownership to ${name}`}>
              Transfer ownership
            </RowButton>
          )}
          {!member.isYou && (
            <RowButton layout={layout} danger disabled={!remove.allowed} onClick={() => setRemoving(member)} aria-label={`Remove ${name}`}>
              Remove
            </RowButton>
          )}
        </RowActions>
        <DisabledReasons layout={layout} actions={member.isYou ? [changeRole] : [changeRole, remove]} />
      </>
    );
  };

  return (
    <>
      <ResponsiveTable
        caption="Members"
        className="mt-4"
        rows={team.members}
        columns={columns}
        actions={team.you.canManage ? actions : undefined}
      />
      <ChangeRoleDialog projectId={projectId} member={changing} roles={team.you.assignableRoles} onClose={() => setChanging(null)} />
      <RemoveMemberDialog projectId={projectId} member={removing} onClose={() => setRemoving(null)} />
      <TransferOwnershipDialog projectId={projectId} member={transferring} onClose={() => setTransferring(null)} />
    </>
  );
}
