"use client";

import { useState } from "react";
import type { Role } from "@prisma/client";
import type { MemberSummary } from "@/lib/teams/queries";
import { ROLE_LABELS, ROLE_SUMMARIES } from "@/lib/projects/roles";
import { useChangeMemberRole } from "@/lib/client/use-team";
import { SelectField } from "@/components/ui/select";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { memberName } from "./members-table";

export function ChangeRoleDialog({ projectId, member, roles, onClose }: { projectId: string; member: MemberSummary | null; roles: Role[]; onClose: () => void }) {
  const change = useChangeMemberRole();
  const [role, setRole] = useState<Role | null>(null);
  const chosen = role ?? member?.role ?? "viewer";
  const close = () => {
    change.reset();
    setRole(null);
    onClose();
  };
  const name = member ? memberName(member) : "";
  return (
    <ConfirmDialog
      open={Boolean(member)}
      title={`Change ${name}'s role`}
      description="The new role applies from their very next request, including pages they have open."
      confirmLabel="Save role"
      pendingLabel="Saving…"
      pending={change.isPending}
      error={change.error}
      onClose={close}
      onConfirm={() => member && change.mutate({ projectId, memberId: member.id, role: chosen, name }, { onSuccess: close })}
    >
      <SelectField
        label="Role"
        value={chosen}
        onChange={(event) => setRole(event.target.value as Role)}
        options={(member && !roles.includes(member.role) ? [member.role, ...roles] : roles).map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
      />
      <p className="text-sm text-zinc-600 dark:text-zinc-400">{ROLE_SUMMARIES[chosen]}</p>
    </ConfirmDialog>
  );
}
