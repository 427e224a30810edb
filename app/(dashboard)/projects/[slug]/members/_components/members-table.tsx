"use client";

import { useState } from "react";
import type { MemberSummary, Team } from "@/lib/teams/queries";
import { ROLE_LABELS } from "@/lib/projects/roles";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableActionsHeaderCell, TableHeaderCell, TableRow } from "@/components/ui/table";
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

export function MembersTable({ projectId, team }: { projectId: string; team: Team }) {
  const [changing, setChanging] = useState<MemberSummary | null>(null);
  const [removing, setRemoving] = useState<MemberSummary | null>(null);
  const [transferring, setTransferring] = useState<MemberSummary | null>(null);
  const showActions = team.you.canManage;

  return (
    <>
      <Table caption="Members" framed className="mt-4">
        <TableHead>
          <TableRow>
            <TableHeaderCell>Member</TableHeaderCell>
            <TableHeaderCell>Role</TableHeaderCell>
            <TableHeaderCell>Joined</TableHeaderCell>
            <TableHeaderCell>Last active</TableHeaderCell>
            {showActions && (
              <TableActionsHeaderCell />
            )}
          </TableRow>
        </TableHead>
        <TableBody>
          {team.members.map((member) => {
            const name = memberName(member);
            const { changeRole, remove, transfer } = member.actions;
            return (
              <TableRow key={member.id}>
                <TableCell>
                  <div className="font-medium">
                    {name} {member.isYou && <Badge>You</Badge>}
                  </div>
                  {member.email && member.name && <div className="text-xs text-zinc-500 dark:text-zinc-400">{member.email}</div>}
                </TableCell>
                <TableCell>
                  <Badge tone={member.role === "owner" ? "indigo" : "zinc"}>{ROLE_LABELS[member.role]}</Badge>
                  <RoleSources member={member} />
                </TableCell>
                <TableCell className={MUTED}>
                  <LocalDate iso={member.joinedAt} />
                </TableCell>
                <TableCell className={MUTED}>{member.lastActiveAt ? <RelativeTime iso={member.lastActiveAt} /> : "Not yet"}</TableCell>
                {showActions && (
                  <TableCell align="right" className="whitespace-nowrap">
                    <div className="flex justify-end gap-1">
                      <Button variant="ghost" disabled={!changeRole.allowed} onClick={() => setChanging(member)} aria-label={`Change role of ${name}`}>
                        Change role
                      </Button>
                      {transfer.allowed && (
                        <Button variant="ghost" onClick={() => setTransferring(member)} aria-label={`Transfer ownership to ${name}`}>
                          Transfer ownership
                        </Button>
                      )}
                      {!member.isYou && (
                        <Button
                          variant="ghost"
                          className="text-red-700 dark:text-red-400"
                          disabled={!remove.allowed}
                          onClick={() => setRemoving(member)}
                          aria-label={`Remove ${name}`}
                        >
                          Remove
                        </Button>
                      )}
                    </div>
                    <DisabledReasons actions={member.isYou ? [changeRole] : [changeRole, remove]} />
                  </TableCell>
                )}
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
      <ChangeRoleDialog projectId={projectId} member={changing} roles={team.you.assignableRoles} onClose={() => setChanging(null)} />
      <RemoveMemberDialog projectId={projectId} member={removing} onClose={() => setRemoving(null)} />
      <TransferOwnershipDialog projectId={projectId} member={transferring} onClose={() => setTransferring(null)} />
    </>
  );
}
