"use client";

import { useMutation, useQueryClient, type MutationOptions, type QueryClient, type QueryKey } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import type { ActionResult, FieldErrors } from "../actions/safe-action";
import { toast } from "./toast";

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

// No onMutate: a hook cannot change the cache before the server has answered,
// so nothing (a "Revoked", a "Disabled") can run ahead of the truth.
type Callbacks<TData, TVariables, TContext> = Pick<MutationOptions<TData, Error, TVariables, TContext>, "onSuccess" | "onError" | "onSettled" | "mutationKey">;

/** What a `use-<verb>-<noun>` mutation hook says about its action; the rest is the same for every hook. */
export type ActionMutationSpec<TData, TVariables, TContext = unknown> = Callbacks<TData, TVariables, TContext> & {
  action: (variables: TVariables) => Promise<ActionResult<TData>>;
  /**
   * Every query that shows what a success changed: each is refetched before
   * the mutation counts as done, those of pages not on screen included, so a
   * page opened next (or returned to with Back) shows the new figures at once.
   */
  invalidates?: readonly QueryKey[];
  /**
   * The success changed what server-rendered pages show: after the
   * invalidations, fetch the current page again and drop the router's cached
   * copies of the others (Back would otherwise restore them as they were).
   */
  refreshesPages?: boolean;
  /** The toast after a success; null raises none. */
  successToast?: string | ((data: TData, variables: TVariables) => string | null);
  /** The toast after a failure. Without one the caller shows the error itself (forms show it inline). */
  errorToast?: (error: Error, variables: TVariables) => string;
  /** The result holds a plaintext secret: drop it from the mutation cache as soon as nothing observes it. */
  holdsSecret?: boolean;
};

/**
 * The one place that turns a server action into React Query mutation
 * options: unwrap the typed result, raise the hook's toasts, invalidate its
 * queries. Kept apart from the hook so it can be driven without React.
 */
export function actionMutationOptions<TData, TVariables, TContext = unknown>(
  queryClient: QueryClient,
  spec: ActionMutationSpec<TData, TVariables, TContext>,
  refreshPages: () => void = () => {},
): MutationOptions<TData, Error, TVariables, TContext> {
  const { action, invalidates = [], refreshesPages, successToast, errorToast, holdsSecret, onSuccess, onError, ...callbacks } = spec;
  return {
    ...callbacks,
    mutationFn: (variables) => unwrap(action(variables)),
    ...(holdsSecret ? { gcTime: 0 } : {}),
    onSuccess: async (data, variables, onMutateResult, context) => {
      // The figures first: nothing says "done" (a row, a toast) while another
      // view could still show the state from before.
      await Promise.all(invalidates.map((queryKey) => refetchEverywhere(queryClient, queryKey)));
      await onSuccess?.(data, variables, onMutateResult, context);
      const message = typeof successToast === "function" ? successToast(data, variables) : successToast;
      if (message) toast("success", message);
      if (refreshesPages) refreshPages();
    },
    onError: async (error, variables, onMutateResult, context) => {
      await onError?.(error, variables, onMutateResult, context);
      if (errorToast) toast("error", errorToast(error, variables));
    },
  };
}

/**
 * Refetches every cached query under `queryKey`, observed or not.
 * invalidateQueries alone skips an unobserved query that has only ever held
 * its page's server-rendered initial data (React Query counts it as never
 * fetched), so Back to that page showed the figure from before the change.
 * A query that cannot be refetched is dropped: the page that needs it next
 * loads it afresh instead of showing what is known to be stale.
 */
async function refetchEverywhere(queryClient: QueryClient, queryKey: QueryKey): Promise<void> {
  await queryClient.invalidateQueries({ queryKey, refetchType: "active" });
  const unobserved = queryClient.getQueryCache().findAll({ queryKey, type: "inactive", predicate: (query) => Boolean(query.options.queryFn) });
  await Promise.all(
    unobserved.map((query) => query.fetch().catch(() => queryClient.removeQueries({ queryKey: query.queryKey, exact: true }))),
  );
}

export function useActionMutation<TData, TVariables, TContext = unknown>(spec: ActionMutationSpec<TData, TVariables, TContext>) {
  const queryClient = useQueryClient();
  const router = useRouter();
  return useMutation(actionMutationOptions(queryClient, spec, () => router.refresh()));
}
