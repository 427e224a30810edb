"use client";

import { useState } from "react";
import type { Role } from "@prisma/client";
import { ActionError } from "@/lib/client/action-mutation";
import { useInviteMember } from "@/lib/client/use-team";
import { ROLE_LABELS, ROLE_SUMMARIES } from "@/lib/projects/roles";
import { Dialog } from "@/components/ui/dialog";
import { FormError, TextField } from "@/components/ui/field";
import { FormActions } from "@/components/ui/form-actions";
import { SelectField } from "@/components/ui/select";
import { InvitationLink } from "./invitation-link";

export function InviteDialog({ projectId, roles, open, onClose }: { projectId: string; roles: Role[]; open: boolean; onClose: () => void }) {
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<Role>("developer");
  const invite = useInviteMember();
  const error = invite.error instanceof ActionError ? invite.error : null;
  const issued = invite.data;

  function close() {
    // Drops the link: component state and the mutation's result.
    invite.reset();
    setEmail("");
    setRole("developer");
    onClose();
  }

  return (
    <Dialog
      open={open}
      onClose={close}
      dismissible={!issued}
      title={issued ? "Copy the invitation link" : "Invite a member"}
      description={issued ? `${issued.email} is invited as ${ROLE_LABELS[issued.role]}.` : "They join once they accept, signed in with this email address."}
    >
      {issued ? (
        <InvitationLink
          invitation={issued}
          onDone={() => {
            invite.confirmReveal();
            close();
          }}
        />
      ) : (
        <form
          noValidate
          className="space-y-4"
          onSubmit={(event) => {
            event.preventDefault();
            invite.mutate({ projectId, email, role });
          }}
        >
          <TextField
            label="Email address"
            name="email"
            type="email"
            autoFocus
            autoComplete="off"
            placeholder="name@example.com"
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            errors={error?.validationErrors?.email}
          />
          <SelectField
            label="Role"
            name="role"
            value={role}
            onChange={(event) => setRole(event.target.value as Role)}
            options={roles.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
          />
          <p className="text-sm text-zinc-600 dark:text-zinc-400">{ROLE_SUMMARIES[role]}</p>
          <FormError message={error && !error.validationErrors ? error.message : null} />
          <FormActions submitLabel="Send invitation" onCancel={close} pending={invite.isPending} />
        </form>
      )}
    </Dialog>
  );
}
