"use client";

import { useMutationState, useQueryClient, type InfiniteData } from "@tanstack/react-query";
import { revokeKey } from "../actions/revoke-key";
import type { KeyPage } from "../keys/queries";
import { describeReceipt } from "../keys/receipt";
import { keyKeys, usageKeys } from "./query-keys";
import { useActionMutation } from "./action-mutation";

type RevokeVariables = { id: string; hint: string };

/**
 * Revocation is never shown before it is true: while the action runs (it
 * returns only once every API instance has confirmed, or stopped trusting
 * its cache) the row says "Revoking…"; then it shows the server's revokedAt
 * and a toast with the receipt. A refusal changes nothing on screen but the
 * error toast.
 */
export function useRevokeKey(projectId: string) {
  const queryClient = useQueryClient();
  return useActionMutation({
    mutationKey: keyKeys.revocations(projectId),
    action: (key: RevokeVariables) => revokeKey({ projectId, keyId: key.id }),
    onSuccess: ({ id, revokedAt }) => {
      queryClient.setQueriesData<InfiniteData<KeyPage>>({ queryKey: keyKeys.all(projectId) }, (data) =>
        data && {
          ...data,
          pages: data.pages.map((page) => ({
            ...page,
            keys: page.keys.map((k) => (k.id === id ? { ...k, status: "revoked" as const, revokedAt } : k)),
          })),
        },
      );
    },
    // The Overview counts active keys; Usage marks revoked keys.
    invalidates: [keyKeys.all(projectId), usageKeys.all(projectId)],
    refreshesPages: true,
    errorToast: (error, key) => `Could not revoke ${key.hint}: ${error.message}`,
    successToast: ({ receipt }, key) =>
      receipt ? `Key ${key.hint} revoked: ${describeReceipt(receipt)}.` : `Key ${key.hint} was already revoked.`,
  });
}

/** Ids of this project's keys whose revocation has been sent and not yet confirmed. */
export function usePendingRevocations(projectId: string): ReadonlySet<string> {
  const pending = useMutationState({
    filters: { mutationKey: keyKeys.revocations(projectId), status: "pending" },
    select: (mutation) => (mutation.state.variables as RevokeVariables | undefined)?.id,
  });
  return new Set(pending.filter((id): id is string => id !== undefined));
}
