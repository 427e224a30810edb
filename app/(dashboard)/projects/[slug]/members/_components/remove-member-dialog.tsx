"use client";

import type { MemberSummary } from "@/lib/teams/queries";
import { useRemoveMember } from "@/lib/client/use-team";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { memberName } from "./members-table";

export function RemoveMemberDialog({ projectId, member, onClose }: { projectId: string; member: MemberSummary | null; onClose: () => void }) {
  const remove = useRemoveMember();
  const close = () => {
    remove.reset();
    onClose();
  };
  const name = member ? memberName(member) : "";
  return (
    <ConfirmDialog
      open={Boolean(member)}
      title={`Remove ${name}?`}
      description="They lose access at once: their next request, and any page they have open, no longer finds this project. Keys they created keep working."
      confirmLabel="Remove member"
      pendingLabel="Removing…"
      danger
      pending={remove.isPending}
      error={remove.error}
      onClose={close}
      onConfirm={() => member && remove.mutate({ projectId, memberId: member.id, name }, { onSuccess: close })}
    />
  );
}
