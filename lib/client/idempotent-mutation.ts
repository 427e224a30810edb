"use client";

import { useRef } from "react";
import type { ActionResult } from "../actions/safe-action";
import { confirmReveal } from "../actions/confirm-reveal";
import { useActionMutation, type ActionMutationSpec } from "./action-mutation";

/**
 * A random (version 4) UUID. crypto.randomUUID exists only in secure
 * contexts, and a self-hosted dashboard may be opened over plain http on a
 * private address; getRandomValues exists everywhere.
 */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

type IdempotentSpec<TData, TVariables> = Omit<ActionMutationSpec<TData, TVariables>, "action"> & {
  action: (variables: TVariables, idempotencyKey: string) => Promise<ActionResult<TData>>;
};

/**
 * The mutation of a create action (lib/idempotency/repeatable.ts). Its calls
 * carry the form's idempotency key, made at the first submit and kept until a
 * call succeeds or the form is reset: a double submit, or a retry after an
 * answer was lost, creates once, and every call gets the first answer.
 */
export function useIdempotentMutation<TData, TVariables>({ action, onSuccess, ...spec }: IdempotentSpec<TData, TVariables>) {
  const key = useRef<string | null>(null);
  const lastUsed = useRef<string | null>(null);
  const confirm = useActionMutation({ action: confirmReveal });
  const mutation = useActionMutation<TData, TVariables>({
    ...spec,
    action: (variables) => {
      key.current ??= newIdempotencyKey();
      lastUsed.current = key.current;
      return action(variables, key.current);
    },
    onSuccess: async (...args) => {
      key.current = null;
      await onSuccess?.(...args);
    },
  });
  return {
    ...mutation,
    /** Forgets the answer: the next submit is a new request. */
    reset() {
      key.current = null;
      mutation.reset();
    },
    /**
     * The user confirmed copying the answer's one-time secret: the server
     * deletes its sealed copy, and a repeat is told "already created".
     * Nothing on screen waits for it; unconfirmed, the copy expires anyway.
     */
    confirmReveal() {
      if (lastUsed.current) confirm.mutate({ idempotencyKey: lastUsed.current });
    },
  };
}
