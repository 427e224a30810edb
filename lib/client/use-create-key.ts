"use client";

import { createKey } from "../actions/create-key";
import type { KeyExpiry } from "../keys/schemas";
import { keyKeys } from "./query-keys";
import { useIdempotentMutation } from "./idempotent-mutation";

export function useCreateKey(projectId: string) {
  return useIdempotentMutation({
    action: (input: { name: string; environment: "live" | "test"; expiry: KeyExpiry }, idempotencyKey) =>
      createKey({ projectId, ...input, idempotencyKey }),
    invalidates: keyKeys.all(projectId),
    // The dialog that reveals the key is the confirmation: no toast.
    holdsSecret: true,
  });
}
