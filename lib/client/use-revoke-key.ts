"use client";

import { useQueryClient, type InfiniteData } from "@tanstack/react-query";
import { revokeKey } from "../actions/revoke-key";
import type { KeyPage } from "../keys/queries";
import { keyKeys } from "./query-keys";
import { useActionMutation } from "./action-mutation";

type Snapshot = Array<[readonly unknown[], InfiniteData<KeyPage> | undefined]>;

/** Revocation shows at once (optimistic) and rolls back with an error toast if the server refuses. */
export function useRevokeKey(projectId: string) {
  const queryClient = useQueryClient();
  return useActionMutation({
    action: (key: { id: string; hint: string }) => revokeKey({ projectId, keyId: key.id }),
    onMutate: async (key): Promise<{ snapshot: Snapshot }> => {
      await queryClient.cancelQueries({ queryKey: keyKeys.all(projectId) });
      const snapshot = queryClient.getQueriesData<InfiniteData<KeyPage>>({ queryKey: keyKeys.all(projectId) });
      const revokedAt = new Date().toISOString();
      queryClient.setQueriesData<InfiniteData<KeyPage>>({ queryKey: keyKeys.all(projectId) }, (data) =>
        data && {
          ...data,
          pages: data.pages.map((page) => ({
            ...page,
            keys: page.keys.map((k) => (k.id === key.id ? { ...k, status: "revoked" as const, revokedAt } : k)),
          })),
        },
      );
      return { snapshot };
    },
    onError: (_error, _key, context) => {
      for (const [queryKey, data] of context?.snapshot ?? []) queryClient.setQueryData(queryKey, data);
    },
    errorToast: (error, key) => `Could not revoke ${key.hint}: ${error.message}`,
    successToast: (_result, key) => `Key ${key.hint} revoked. It no longer works anywhere.`,
    // Refetched whatever the outcome: the optimistic row must give way to the server's.
    onSettled: () => queryClient.invalidateQueries({ queryKey: keyKeys.all(projectId) }),
  });
}
