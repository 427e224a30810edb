"use client";

import { useState } from "react";
import type { Role } from "@prisma/client";
import type { GroupLinkSummary, Team } from "@/lib/teams/queries";
import { ActionError } from "@/lib/client/action-mutation";
import { useLinkGroup, useUnlinkGroup } from "@/lib/client/use-team";
import { ROLE_LABELS } from "@/lib/projects/roles";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { FormError, TextField } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select";
import { ResponsiveTable, RowActions, RowButton, type Column } from "@/components/ui/responsive-table";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";

const columns: Column<GroupLinkSummary>[] = [
  { header: "Group", card: "title", className: "wrap-anywhere", cell: (groupLink) => <span className="font-mono text-xs">{groupLink.groupPath}</span> },
  { header: "Role", cell: (groupLink) => <Badge>{ROLE_LABELS[groupLink.role]}</Badge> },
  { header: "Members through it", className: "tabular-nums", cell: (groupLink) => groupLink.members },
];

export function GroupLinks({ projectId, team }: { projectId: string; team: Team }) {
  const roles = team.you.assignableRoles.filter((role) => role !== "owner");
  const [groupPath, setGroupPath] = useState("");
  const [role, setRole] = useState<Role>("developer");
  const [unlinking, setUnlinking] = useState<GroupLinkSummary | null>(null);
  const link = useLinkGroup();
  const unlink = useUnlinkGroup();
  const error = link.error instanceof ActionError ? link.error : null;
  const closeUnlink = () => {
    unlink.reset();
    setUnlinking(null);
  };

  return (
    <section aria-labelledby="groups-heading">
      <h2 id="groups-heading" className="text-lg font-semibold">
        Keycloak groups
      </h2>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
        Members of a linked group get its role here when they sign in, and lose it when they leave the group. A role given by invitation is kept; the stronger of the two applies.
      </p>
      {team.groupLinks.length > 0 ? (
        <ResponsiveTable
          caption="Linked groups"
          className="mt-3"
          rows={team.groupLinks}
          columns={columns}
          actions={
            team.you.canManage
              ? (groupLink, layout) => (
                  <RowActions layout={layout}>
                    <RowButton
                      layout={layout}
                      danger
                      disabled={!groupLink.manageable.allowed}
                      onClick={() => setUnlinking(groupLink)}
                      aria-label={`Unlink ${groupLink.groupPath}`}
                    >
                      Unlink
                    </RowButton>
                  </RowActions>
                )
              : undefined
          }
        />
      ) : (
        <p className="mt-3 rounded-xl border border-dashed border-zinc-300 p-6 text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">No groups are linked.</p>
      )}
      {team.you.canManage && (
        <form
          noValidate
          aria-label="Link a group"
          className="mt-4 flex flex-col gap-3 sm:flex-row sm:items-start"
          onSubmit={(event) => {
            event.preventDefault();
            link.mutate({ projectId, groupPath, role }, { onSuccess: () => setGroupPath("") });
          }}
        >
          <TextField
            label="Group path"
            name="groupPath"
            className="flex-1"
            placeholder="/acme/payments-admins"
            autoComplete="off"
            value={groupPath}
            onChange={(event) => setGroupPath(event.target.value)}
            errors={error?.validationErrors?.groupPath}
            hint="The group's full path in Keycloak, as the groups claim carries it."
          />
          <SelectField label="Group role" value={role} onChange={(event) => setRole(event.target.value as Role)} options={roles.map((r) => ({ value: r, label: ROLE_LABELS[r] }))} />
          <Button type="submit" className="sm:mt-6" pending={link.isPending}>
            {link.isPending ? "Linking…" : "Link group"}
          </Button>
        </form>
      )}
      <FormError message={error && !error.validationErrors ? error.message : null} />
      <ConfirmDialog
        open={Boolean(unlinking)}
        title={`Unlink ${unlinking?.groupPath ?? ""}?`}
        description="Members who have their role only through this group lose access at once; roles given by invitation stay."
        confirmLabel="Unlink group"
        pendingLabel="Unlinking…"
        danger
        pending={unlink.isPending}
        error={unlink.error}
        onClose={closeUnlink}
        onConfirm={() => unlinking && unlink.mutate({ projectId, linkId: unlinking.id, groupPath: unlinking.groupPath }, { onSuccess: closeUnlink })}
      />
    </section>
  );
}
