"use client";

import { useState } from "react";
import type { Team } from "@/lib/teams/queries";
import { Button } from "@/components/ui/button";
import { RoleNote } from "@/components/ui/role-note";
import { GroupLinks } from "./group-links";
import { InvitationsTable } from "./invitations-table";
import { InviteDialog } from "./invite-dialog";
import { LeaveProject } from "./leave-project";
import { MembersTable } from "./members-table";
import { RolesTable } from "./roles-table";

export function MembersView({ projectId, projectName, team, roleNote }: { projectId: string; projectName: string; team: Team; roleNote: string | null }) {
  const [inviting, setInviting] = useState(false);
  return (
    <div className="space-y-10">
      <section aria-labelledby="members-heading">
        <div className="flex flex-wrap items-end justify-between gap-4">
          <div>
            <h2 id="members-heading" className="text-lg font-semibold">
              Members
            </h2>
            <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
              People who can open this project, and what their role lets them do.
            </p>
            {roleNote && (
              <div className="mt-3">
                <RoleNote>{roleNote}</RoleNote>
              </div>
            )}
          </div>
          {team.you.canManage && <Button onClick={() => setInviting(true)}>Invite member</Button>}
        </div>
        <MembersTable projectId={projectId} team={team} />
      </section>

      <InvitationsTable projectId={projectId} team={team} onInvite={team.you.canManage ? () => setInviting(true) : undefined} />
      <GroupLinks projectId={projectId} team={team} />
      <RolesTable />
      <LeaveProject projectId={projectId} projectName={projectName} leave={team.you.leave} />

      <InviteDialog projectId={projectId} roles={team.you.assignableRoles} open={inviting} onClose={() => setInviting(false)} />
    </div>
  );
}
