"use client";

import { rotateKey } from "../actions/rotate-key";
import { describeReceipt } from "../keys/receipt";
import type { Overlap } from "../keys/schemas";
import { keyKeys, usageKeys } from "./query-keys";
import { useActionMutation } from "./action-mutation";

export function useRotateKey(projectId: string) {
  return useActionMutation({
    action: (input: { keyId: string; overlap: Overlap }) => rotateKey({ projectId, ...input }),
    invalidates: [keyKeys.all(projectId), usageKeys.all(projectId)],
    refreshesPages: true,
    holdsSecret: true, // the result holds the new key's plaintext
    // The new key's dialog is the main answer; the toast says the old key's new expiry is in force everywhere.
    successToast: ({ receipt }, { overlap }) =>
      receipt && overlap === "now" ? `The old key stopped working: ${describeReceipt(receipt)}.` : null,
  });
}
