"use client";

import type { ActionResult, FieldErrors } from "../actions/safe-action";

/** Thrown by a mutation hook when a server action answers with an error. */
export class ActionError extends Error {
  constructor(
    message: string,
    readonly validationErrors?: FieldErrors,
    readonly code?: string,
  ) {
    super(message);
    this.name = "ActionError";
  }
}

/** Unwraps an action's typed result for useMutation: data, or an ActionError. */
export async function unwrap<T>(pending: Promise<ActionResult<T>>): Promise<T> {
  const result = await pending;
  if (result.ok) return result.data;
  if (result.validationErrors) {
    throw new ActionError("Please correct the highlighted fields.", result.validationErrors, "invalid_request");
  }
  throw new ActionError(result.serverError.message, undefined, result.serverError.code);
}
