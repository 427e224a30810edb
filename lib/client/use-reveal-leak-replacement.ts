"use client";

import { revealLeakReplacement } from "../actions/reveal-leak-replacement";
import { useActionMutation } from "./action-mutation";

/** The replacement's plaintext: held only while the dialog shows it. */
export function useRevealLeakReplacement() {
  return useActionMutation({
    action: (input: { projectId: string; replacementId: string }) => revealLeakReplacement(input),
    holdsSecret: true,
    errorToast: (error) => error.message,
  });
}
