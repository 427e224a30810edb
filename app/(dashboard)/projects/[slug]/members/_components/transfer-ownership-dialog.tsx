"use client";

import type { MemberSummary } from "@/lib/teams/queries";
import { useTransferOwnership } from "@/lib/client/use-team";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { memberName } from "./members-table";

export function TransferOwnershipDialog({ projectId, member, onClose }: { projectId: string; member: MemberSummary | null; onClose: () => void }) {
  const transfer = useTransferOwnership();
  const close = () => {
    transfer.reset();
    onClose();
  };
  const name = member ? memberName(member) : "";
  return (
    <ConfirmDialog
      open={Boolean(member)}
      title={`Transfer ownership to ${name}?`}
      description="They become an owner; you stay on as an admin and can no longer delete the project or manage owners."
      confirmLabel="Transfer ownership"
      pendingLabel="Transferring…"
      danger
      pending={transfer.isPending}
      error={transfer.error}
      onClose={close}
      onConfirm={() => member && transfer.mutate({ projectId, memberId: member.id, name }, { onSuccess: close })}
    />
  );
}
