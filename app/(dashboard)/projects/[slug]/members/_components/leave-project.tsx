"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import type { RowAction } from "@/lib/teams/queries";
import { useLeaveProject } from "@/lib/client/use-team";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";

export function LeaveProject({ projectId, projectName, leave }: { projectId: string; projectName: string; leave: RowAction }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const mutation = useLeaveProject();
  const close = () => {
    mutation.reset();
    setOpen(false);
  };
  return (
    <section aria-labelledby="leave-heading" className="rounded-xl bg-white p-6 ring-1 ring-zinc-200 dark:bg-zinc-900 dark:ring-zinc-800">
      <h2 id="leave-heading" className="text-base font-semibold">
        Leave project
      </h2>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">You lose access to {projectName} until someone invites you again.</p>
      <Button variant="secondary" className="mt-4" disabled={!leave.allowed} onClick={() => setOpen(true)} aria-describedby={leave.allowed ? undefined : "leave-reason"}>
        Leave project
      </Button>
      {!leave.allowed && (
        <p id="leave-reason" className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
          {leave.reason}
        </p>
      )}
      <ConfirmDialog
        open={open}
        title={`Leave ${projectName}?`}
        description="You will no longer see this project or its keys."
        confirmLabel="Leave project"
        pendingLabel="Leaving…"
        danger
        pending={mutation.isPending}
        error={mutation.error}
        onClose={close}
        onConfirm={() => mutation.mutate({ projectId }, { onSuccess: () => router.push("/projects") })}
      />
    </section>
  );
}
