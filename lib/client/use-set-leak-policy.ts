"use client";

import { setLeakPolicy } from "../actions/set-leak-policy";
import type { LeakPolicyChoice } from "../keys/leak-schemas";
import { LEAK_POLICY_LABELS } from "../keys/leak-schemas";
import { useActionMutation } from "./action-mutation";

export function useSetLeakPolicy() {
  return useActionMutation({
    action: (input: { projectId: string; policy: LeakPolicyChoice }) => setLeakPolicy(input),
    refreshesPages: true,
    successToast: ({ policy }) => `Leaked keys: ${LEAK_POLICY_LABELS[policy].label.toLowerCase()}.`,
  });
}
