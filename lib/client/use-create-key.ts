"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { createKey } from "../actions/create-key";
import type { KeyExpiry } from "../keys/schemas";
import { keyKeys } from "./query-keys";
import { unwrap } from "./action-mutation";

export function useCreateKey(projectId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string; environment: "live" | "test"; expiry: KeyExpiry }) =>
      unwrap(createKey({ projectId, ...input })),
    // The result holds the plaintext: keep it out of the mutation cache once
    // the dialog lets go of it.
    gcTime: 0,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keyKeys.all(projectId) }),
  });
}
