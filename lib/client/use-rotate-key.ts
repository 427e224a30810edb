"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { rotateKey } from "../actions/rotate-key";
import type { Overlap } from "../keys/schemas";
import { keyKeys } from "./query-keys";
import { unwrap } from "./action-mutation";

export function useRotateKey(projectId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { keyId: string; overlap: Overlap }) => unwrap(rotateKey({ projectId, ...input })),
    gcTime: 0, // the result holds the new key's plaintext
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keyKeys.all(projectId) }),
  });
}
