"use client";

import { acceptInvitation } from "../actions/accept-invitation";
import { declineInvitation } from "../actions/decline-invitation";
import { projectKeys } from "./query-keys";
import { useActionMutation } from "./action-mutation";

// Accepting or declining changes which projects the user has (or may have):
// the projects list goes stale.

export function useAcceptInvitation() {
  return useActionMutation({ action: (input: { token: string }) => acceptInvitation(input), invalidates: [projectKeys.all] });
}

export function useDeclineInvitation() {
  return useActionMutation({ action: (input: { token: string }) => declineInvitation(input), invalidates: [projectKeys.all] });
}
