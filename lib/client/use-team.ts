"use client";

import type { Role } from "@prisma/client";
import { changeMemberRole } from "../actions/change-member-role";
import { inviteMember } from "../actions/invite-member";
import { leaveProject } from "../actions/leave-project";
import { linkGroup } from "../actions/link-group";
import { reissueInvitation } from "../actions/reissue-invitation";
import { removeMember } from "../actions/remove-member";
import { revokeInvitation } from "../actions/revoke-invitation";
import { transferOwnership } from "../actions/transfer-ownership";
import { unlinkGroup } from "../actions/unlink-group";
import { ROLE_LABELS } from "../projects/roles";
import { projectKeys } from "./query-keys";
import { useActionMutation, type ActionMutationSpec } from "./action-mutation";
import { useIdempotentMutation } from "./idempotent-mutation";

// The members page is rendered on the server; after a change has been
// confirmed there, the page is fetched again (router.refresh), so a row says
// "Removed" or shows a new role only once the database does.

function useTeamMutation<TData, TVariables>(spec: ActionMutationSpec<TData, TVariables>) {
  return useActionMutation<TData, TVariables>({ ...spec, refreshesPages: true });
}

type InProject<T = object> = T & { projectId: string };

/** A create action: the form's idempotency key makes a double submit one invitation. */
export function useInviteMember() {
  return useIdempotentMutation({
    action: (input: InProject<{ email: string; role: Role }>, idempotencyKey) => inviteMember({ ...input, idempotencyKey }),
    holdsSecret: true,
    refreshesPages: true,
  });
}

export function useReissueInvitation() {
  return useTeamMutation({
    action: (input: InProject<{ invitationId: string }>) => reissueInvitation(input),
    holdsSecret: true,
    errorToast: (error) => error.message,
  });
}

export function useRevokeInvitation() {
  return useTeamMutation({
    action: (input: InProject<{ invitationId: string; email: string }>) => revokeInvitation({ projectId: input.projectId, invitationId: input.invitationId }),
    successToast: (_data, input) => `Invitation for ${input.email} revoked.`,
    errorToast: (error) => error.message,
  });
}

export function useChangeMemberRole() {
  return useTeamMutation({
    action: (input: InProject<{ memberId: string; role: Role; name: string }>) =>
      changeMemberRole({ projectId: input.projectId, memberId: input.memberId, role: input.role }),
    successToast: (data, input) => `${input.name} is now ${ROLE_LABELS[data.role].toLowerCase() === "admin" ? "an" : "a"} ${ROLE_LABELS[data.role]}.`,
  });
}

export function useRemoveMember() {
  return useTeamMutation({
    action: (input: InProject<{ memberId: string; name: string }>) => removeMember({ projectId: input.projectId, memberId: input.memberId }),
    successToast: (_data, input) => `${input.name} was removed from the project.`,
  });
}

export function useTransferOwnership() {
  return useTeamMutation({
    action: (input: InProject<{ memberId: string; name: string }>) => transferOwnership({ projectId: input.projectId, memberId: input.memberId }),
    successToast: (_data, input) => `${input.name} now owns the project. You are an admin.`,
  });
}

export function useLinkGroup() {
  return useTeamMutation({
    action: (input: InProject<{ groupPath: string; role: Role }>) => linkGroup(input),
    successToast: (data) => `Members of ${data.groupPath} are now ${ROLE_LABELS[data.role]}s.`,
  });
}

export function useUnlinkGroup() {
  return useTeamMutation({
    action: (input: InProject<{ linkId: string; groupPath: string }>) => unlinkGroup({ projectId: input.projectId, linkId: input.linkId }),
    successToast: (_data, input) => `${input.groupPath} unlinked.`,
    errorToast: (error) => error.message,
  });
}

/** Leaving changes which projects the user has: the projects list goes stale. */
export function useLeaveProject() {
  return useActionMutation({ action: (input: { projectId: string }) => leaveProject(input), invalidates: [projectKeys.all] });
}
