"use client";

import { createKey } from "../actions/create-key";
import type { KeyExpiry } from "../keys/schemas";
import { keyKeys } from "./query-keys";
import { useActionMutation } from "./action-mutation";

export function useCreateKey(projectId: string) {
  return useActionMutation({
    action: (input: { name: string; environment: "live" | "test"; expiry: KeyExpiry }) => createKey({ projectId, ...input }),
    invalidates: keyKeys.all(projectId),
    // The dialog that reveals the key is the confirmation: no toast.
    holdsSecret: true,
  });
}
