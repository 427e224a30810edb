"use client";

import { definePermission } from "../actions/define-permission";
import { removePermission } from "../actions/remove-permission";
import { renameKey } from "../actions/rename-key";
import { updateKeyPolicy } from "../actions/update-key-policy";
import type { KeyPolicyInput } from "../keys/policy-schemas";
import { describeReceipt } from "../keys/receipt";
import { keyKeys } from "./query-keys";
import { useActionMutation } from "./action-mutation";

// A policy change is in force only once every API instance has it: the action
// returns after they confirm, and only then does the page say "saved", with
// the same receipt a revocation gets.

export function useUpdateKeyPolicy(projectId: string, keyId: string, hint: string) {
  return useActionMutation({
    action: (policy: KeyPolicyInput) => updateKeyPolicy({ projectId, keyId, ...policy }),
    invalidates: [keyKeys.all(projectId)],
    refreshesPages: true,
    successToast: ({ receipt }) => (receipt ? `Policy of ${hint} saved: ${describeReceipt(receipt)}.` : `Policy of ${hint} saved.`),
  });
}

export function useRenameKey(projectId: string, keyId: string) {
  return useActionMutation({
    action: (name: string) => renameKey({ projectId, keyId, name }),
    invalidates: [keyKeys.all(projectId)],
    refreshesPages: true,
    successToast: ({ name }) => `Key renamed to ${name}.`,
  });
}

export function useDefinePermission(projectId: string) {
  return useActionMutation({
    action: (input: { name: string; description: string }) => definePermission({ projectId, ...input }),
    invalidates: [keyKeys.all(projectId)],
    refreshesPages: true,
    successToast: (_data, { name }) => `Permission ${name} added.`,
  });
}

export function useRemovePermission(projectId: string) {
  return useActionMutation({
    action: (permission: string) => removePermission({ projectId, permission }),
    invalidates: [keyKeys.all(projectId)],
    refreshesPages: true,
    successToast: ({ receipt }, permission) =>
      receipt ? `Permission ${permission} removed from the project and its keys: ${describeReceipt(receipt)}.` : `Permission ${permission} removed.`,
    errorToast: (error, permission) => `Could not remove ${permission}: ${error.message}`,
  });
}
