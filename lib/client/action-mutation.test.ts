import { MutationObserver, QueryClient, QueryObserver } from "@tanstack/react-query";
import { afterEach, describe, expect, it } from "vitest";
import type { ActionResult } from "../actions/safe-action";
import { ActionError, actionMutationOptions, type ActionMutationSpec } from "./action-mutation";
import { currentToasts, dismissToast } from "./toast";

// The helper is driven through React Query's own MutationObserver (what
// useMutation uses); the "server action" is a plain function returning the
// typed result a real action returns.

afterEach(() => {
  for (const t of currentToasts()) dismissToast(t.id);
});

function run<TData, TVariables>(spec: ActionMutationSpec<TData, TVariables>, variables: TVariables) {
  const queryClient = new QueryClient();
  queryClient.setQueryData(["things"], ["cached"]);
  queryClient.setQueryData(["other"], ["cached"]);
  const observer = new MutationObserver(queryClient, actionMutationOptions(queryClient, spec));
  return { queryClient, observer, result: observer.mutate(variables) };
}

const ok = <T>(data: T): Promise<ActionResult<T>> => Promise.resolve({ ok: true, data });

describe("actionMutationOptions", () => {
  it("resolves with the action's data, raises the hook's success toast and makes its queries stale", async () => {
    const { queryClient, result } = run(
      { action: (name: string) => ok({ name }), invalidates: [["things"]], successToast: (data, name) => `Created ${data.name} from ${name}.` },
      "Billing",
    );
    await expect(result).resolves.toEqual({ name: "Billing" });
    expect(currentToasts()).toMatchObject([{ kind: "success", message: "Created Billing from Billing." }]);
    expect(queryClient.getQueryState(["things"])?.isInvalidated).toBe(true);
    expect(queryClient.getQueryState(["other"])?.isInvalidated).toBe(false);
  });

  it("refetches every named query before it is done, those no page observes too, then refreshes the pages", async () => {
    const queryClient = new QueryClient();
    const fetched: string[] = [];
    const order: string[] = [];
    // Cached by pages not on screen: nothing observes them.
    for (const key of ["keys", "usage", "other"]) {
      await queryClient.prefetchQuery({ queryKey: [key], queryFn: () => (fetched.push(key), order.push(`fetch ${key}`), key) });
    }
    fetched.length = 0;
    order.length = 0;
    const spec = { action: () => ok(1), invalidates: [["keys"], ["usage"]], refreshesPages: true };
    const observer = new MutationObserver(queryClient, actionMutationOptions(queryClient, spec, () => order.push("refresh")));
    await observer.mutate(undefined);
    expect(fetched.sort()).toEqual(["keys", "usage"]);
    expect(order.at(-1)).toBe("refresh");
    expect(queryClient.getQueryState(["other"])?.isInvalidated).toBe(false);
  });

  it("drops a named query that holds only a page's first render and that nothing observes, so that page is seeded afresh", async () => {
    const queryClient = new QueryClient();
    // The Overview seeded its count from the server, then the user left it before any fetch.
    const overview = new QueryObserver(queryClient, { queryKey: ["usage", "summary"], queryFn: () => "fetched", initialData: "server render", staleTime: 10_000 });
    overview.subscribe(() => {})();
    await queryClient.prefetchQuery({ queryKey: ["usage", "series"], queryFn: () => "fetched" });
    const observer = new MutationObserver(queryClient, actionMutationOptions(queryClient, { action: () => ok(1), invalidates: [["usage"]] }));
    await observer.mutate(undefined);
    expect(queryClient.getQueryState(["usage", "summary"])).toBeUndefined();
    expect(queryClient.getQueryData(["usage", "series"])).toBe("fetched");
  });

  it("turns field errors into an ActionError, and raises no toast when the hook gives no error message", async () => {
    const { queryClient, result } = run(
      {
        action: async () => ({ ok: false, validationErrors: { name: ["Required"] } }) as ActionResult<never>,
        invalidates: [["things"]],
        successToast: "never shown",
      },
      undefined,
    );
    const error = await result.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ActionError);
    expect(error).toMatchObject({ code: "invalid_request", validationErrors: { name: ["Required"] } });
    expect(currentToasts()).toEqual([]);
    expect(queryClient.getQueryState(["things"])?.isInvalidated).toBe(false);
  });

  it("runs the hook's onError (a rollback) before raising its error toast with the server's message", async () => {
    const order: string[] = [];
    const { result } = run(
      {
        action: async () => ({ ok: false, serverError: { code: "not_found", message: "Key not found." } }) as ActionResult<never>,
        onError: () => {
          order.push(`rollback, toasts: ${currentToasts().length}`);
        },
        errorToast: (error, hint: string) => `Could not revoke ${hint}: ${error.message}`,
      },
      "kd_live_4fQ9…eHu6",
    );
    await expect(result).rejects.toMatchObject({ code: "not_found" });
    expect(order).toEqual(["rollback, toasts: 0"]);
    expect(currentToasts()).toMatchObject([{ kind: "error", message: "Could not revoke kd_live_4fQ9…eHu6: Key not found." }]);
  });

  it("raises no toast when the success message is null", async () => {
    const { result } = run({ action: () => ok({ secret: "s" }), successToast: ({ secret }) => (secret ? null : "on") }, undefined);
    await result;
    expect(currentToasts()).toEqual([]);
  });

  it("raises one toast for the two identical answers to a double submit", async () => {
    const queryClient = new QueryClient();
    const observer = new MutationObserver(queryClient, actionMutationOptions(queryClient, { action: () => ok({ name: "Billing" }), successToast: ({ name }) => `Project “${name}” created.` }));
    await Promise.all([observer.mutate(undefined), observer.mutate(undefined)]);
    expect(currentToasts()).toMatchObject([{ kind: "success", message: "Project “Billing” created." }]);
  });

  it("keeps a result that holds a secret out of the cache once nothing observes it", () => {
    const queryClient = new QueryClient();
    expect(actionMutationOptions(queryClient, { action: () => ok(1), holdsSecret: true }).gcTime).toBe(0);
    expect(actionMutationOptions(queryClient, { action: () => ok(1) }).gcTime).toBeUndefined();
  });
});
