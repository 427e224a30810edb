"use client";

import { createKey } from "../actions/create-key";
import type { KeyExpiry } from "../keys/schemas";
import type { KeyPolicyInput } from "../keys/policy-schemas";
import { keyKeys, usageKeys } from "./query-keys";
import { useIdempotentMutation } from "./idempotent-mutation";

export function useCreateKey(projectId: string) {
  return useIdempotentMutation({
    action: (input: { name: string; environment: "live" | "test"; expiry: KeyExpiry } & KeyPolicyInput, idempotencyKey) =>
      createKey({ projectId, ...input, idempotencyKey }),
    // A new key counts among the Overview's active keys (and its first step).
    invalidates: [keyKeys.all(projectId), usageKeys.all(projectId)],
    refreshesPages: true,
    // The dialog that reveals the key is the confirmation: no toast.
    holdsSecret: true,
  });
}
