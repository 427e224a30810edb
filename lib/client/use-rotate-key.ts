"use client";

import { rotateKey } from "../actions/rotate-key";
import type { Overlap } from "../keys/schemas";
import { keyKeys } from "./query-keys";
import { useActionMutation } from "./action-mutation";

export function useRotateKey(projectId: string) {
  return useActionMutation({
    action: (input: { keyId: string; overlap: Overlap }) => rotateKey({ projectId, ...input }),
    invalidates: keyKeys.all(projectId),
    holdsSecret: true, // the result holds the new key's plaintext
  });
}
