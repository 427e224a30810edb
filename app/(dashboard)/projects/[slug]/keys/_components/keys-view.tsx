"use client";

import { useEffect, useState } from "react";
import { useInfiniteQuery } from "@tanstack/react-query";
import type { KeyPage, KeySummary } from "@/lib/keys/queries";
import { keyKeys, type KeyFilters } from "@/lib/client/query-keys";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/select";
import { CreateKeyDialog } from "./create-key-dialog";
import { KeysTable } from "./keys-table";
import { RevokeKeyDialog } from "./revoke-key-dialog";
import { RotateKeyDialog } from "./rotate-key-dialog";

const DEFAULT_FILTERS: KeyFilters = { status: "all", environment: "all", q: "" };

const STATUS_OPTIONS = [
  { value: "all", label: "All statuses" },
  { value: "active", label: "Active" },
  { value: "expiring", label: "Expiring soon" },
  { value: "expired", label: "Expired" },
  { value: "revoked", label: "Revoked" },
];
const ENVIRONMENT_OPTIONS = [
  { value: "all", label: "All environments" },
  { value: "live", label: "Live" },
  { value: "test", label: "Test" },
];

async function fetchKeys(projectId: string, filters: KeyFilters, cursor?: string): Promise<KeyPage> {
  const params = new URLSearchParams({ ...filters, ...(cursor ? { cursor } : {}) });
  const response = await fetch(`/api/projects/${projectId}/keys?${params}`, { cache: "no-store" });
  if (!response.ok) throw new Error("Could not load keys.");
  return (await response.json()) as KeyPage;
}

export function KeysView({
  projectId,
  initialPage,
  canWrite,
  apiBaseUrl,
}: {
  projectId: string;
  initialPage: KeyPage;
  canWrite: boolean;
  apiBaseUrl: string;
}) {
  const [filters, setFilters] = useState<KeyFilters>(DEFAULT_FILTERS);
  const [search, setSearch] = useState("");
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<KeySummary | null>(null);
  const [rotating, setRotating] = useState<KeySummary | null>(null);

  // Search as the user types, without a request per keystroke.
  useEffect(() => {
    const timer = setTimeout(() => setFilters((f) => (f.q === search.trim() ? f : { ...f, q: search.trim() })), 250);
    return () => clearTimeout(timer);
  }, [search]);

  const isDefault = filters.status === "all" && filters.environment === "all" && filters.q === "";
  const query = useInfiniteQuery({
    queryKey: keyKeys.list(projectId, filters),
    queryFn: ({ pageParam }) => fetchKeys(projectId, filters, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    initialData: isDefault ? { pages: [initialPage], pageParams: [undefined] } : undefined,
    placeholderData: (previous) => previous,
  });
  const keys = query.data?.pages.flatMap((page) => page.keys) ?? [];
  const total = query.data?.pages[0]?.total ?? 0;

  return (
    <section aria-labelledby="keys-heading">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h2 id="keys-heading" className="text-lg font-semibold">
            API keys
          </h2>
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
            Keys authenticate calls to your API. Keydeck stores only a hash: a key is shown once, when it is created.
          </p>
        </div>
        {canWrite && <Button onClick={() => setCreating(true)}>Create key</Button>}
      </div>

      <div role="search" className="mt-6 grid gap-3 sm:grid-cols-[1fr_auto_auto]">
        <div>
          <label htmlFor="key-search" className="block text-sm font-medium text-zinc-800 dark:text-zinc-200">
            Search
          </label>
          <input
            id="key-search"
            type="search"
            placeholder="Name or key prefix (kd_live_AbCd)"
            value={search}
            onChange={(event) => setSearch(event.target.value)}
            className="mt-1 block w-full rounded-md border-0 bg-white px-3 py-2 text-sm shadow-xs ring-1 ring-inset ring-zinc-300 focus:ring-2 focus:ring-indigo-600 dark:bg-zinc-900 dark:ring-zinc-700"
          />
        </div>
        <SelectField
          label="Status"
          options={STATUS_OPTIONS}
          value={filters.status}
          onChange={(event) => setFilters((f) => ({ ...f, status: event.target.value }))}
        />
        <SelectField
          label="Environment"
          options={ENVIRONMENT_OPTIONS}
          value={filters.environment}
          onChange={(event) => setFilters((f) => ({ ...f, environment: event.target.value }))}
        />
      </div>

      <p className="mt-4 text-sm text-zinc-600 dark:text-zinc-400" aria-live="polite">
        {query.isFetching && !query.isFetchingNextPage ? "Loading keys…" : `${total} ${total === 1 ? "key" : "keys"}`}
      </p>

      {query.isError && (
        <p role="alert" className="mt-2 text-sm text-red-600">
          Could not load keys.{" "}
          <button type="button" className="underline" onClick={() => void query.refetch()}>
            Try again
          </button>
        </p>
      )}

      {keys.length === 0 && !query.isFetching ? (
        <div className="mt-4 rounded-xl border-2 border-dashed border-zinc-300 px-6 py-12 text-center dark:border-zinc-700">
          <h3 className="text-base font-semibold">{isDefault ? "No API keys yet" : "No keys match these filters"}</h3>
          <p className="mx-auto mt-1 max-w-sm text-sm text-zinc-600 dark:text-zinc-400">
            {isDefault
              ? "Create a key for each service or environment that calls your API."
              : "Try another status, environment or search."}
          </p>
          {isDefault && canWrite && (
            <Button className="mt-6" onClick={() => setCreating(true)}>
              Create your first key
            </Button>
          )}
        </div>
      ) : (
        <KeysTable keys={keys} canWrite={canWrite} onRevoke={setRevoking} onRotate={setRotating} />
      )}

      {query.hasNextPage && (
        <div className="mt-4 flex justify-center">
          <Button variant="secondary" pending={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
            Load more keys
          </Button>
        </div>
      )}

      <CreateKeyDialog projectId={projectId} apiBaseUrl={apiBaseUrl} open={creating} onClose={() => setCreating(false)} />
      <RevokeKeyDialog projectId={projectId} apiKey={revoking} onClose={() => setRevoking(null)} />
      <RotateKeyDialog projectId={projectId} apiBaseUrl={apiBaseUrl} apiKey={rotating} onClose={() => setRotating(null)} />
    </section>
  );
}
