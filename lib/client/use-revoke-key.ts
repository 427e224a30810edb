"use client";

import { useMutation, useQueryClient, type InfiniteData } from "@tanstack/react-query";
import { revokeKey } from "../actions/revoke-key";
import type { KeyPage } from "../keys/queries";
import { keyKeys } from "./query-keys";
import { unwrap } from "./action-mutation";
import { toast } from "./toast";

type Snapshot = Array<[readonly unknown[], InfiniteData<KeyPage> | undefined]>;

/** Revocation shows at once (optimistic) and rolls back with an error toast if the server refuses. */
export function useRevokeKey(projectId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (key: { id: string; hint: string }) => unwrap(revokeKey({ projectId, keyId: key.id })),
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
    onError: (error, key, context) => {
      for (const [queryKey, data] of context?.snapshot ?? []) queryClient.setQueryData(queryKey, data);
      toast("error", `Could not revoke ${key.hint}: ${error.message}`);
    },
    onSuccess: (_result, key) => toast("success", `Key ${key.hint} revoked. It no longer works anywhere.`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: keyKeys.all(projectId) }),
  });
}
