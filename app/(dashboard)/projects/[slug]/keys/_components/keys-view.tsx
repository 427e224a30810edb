"use client";

import { useState } from "react";
import type { KeyPage, KeySummary } from "@/lib/keys/queries";
import { isDefaultKeyFilters, useListKeys } from "@/lib/client/use-list-keys";
import { usePendingRevocations, useRevokeKey } from "@/lib/client/use-revoke-key";
import { CreateKeyDialog } from "./create-key-dialog";
import { KeyFiltersBar } from "./key-filters-bar";
import { KeysEmpty } from "./keys-empty";
import { KeysHeader } from "./keys-header";
import { KeysListStatus } from "./keys-list-status";
import { KeysTable } from "./keys-table";
import { LoadMoreKeys } from "./load-more-keys";
import { RevokeKeyDialog } from "./revoke-key-dialog";
import { RotateKeyDialog } from "./rotate-key-dialog";
import { useKeyFilters } from "./use-key-filters";

export function KeysView({
  projectId,
  initialPage,
  canWrite,
  readOnlyReason,
  apiBaseUrl,
}: {
  projectId: string;
  initialPage: KeyPage;
  canWrite: boolean;
  readOnlyReason: string | null;
  apiBaseUrl: string;
}) {
  const { filters, search, setSearch, setFilter } = useKeyFilters();
  const list = useListKeys(projectId, filters, initialPage);
  const [creating, setCreating] = useState(false);
  const revoke = useRevokeKey(projectId);
  const pendingRevocations = usePendingRevocations(projectId);
  const [revoking, setRevoking] = useState<KeySummary | null>(null);
  const [rotating, setRotating] = useState<KeySummary | null>(null);
  const create = canWrite ? () => setCreating(true) : undefined;

  return (
    <section aria-labelledby="keys-heading">
      <KeysHeader onCreate={create} readOnlyReason={readOnlyReason} />
      <KeyFiltersBar search={search} onSearch={setSearch} filters={filters} onFilter={setFilter} />
      <KeysListStatus total={list.total} loading={list.loading} failed={list.failed} onRetry={list.retry} />

      {list.keys.length === 0 && !list.loading ? (
        <KeysEmpty filtered={!isDefaultKeyFilters(filters)} onCreate={create} />
      ) : (
        <KeysTable
          keys={list.keys}
          canWrite={canWrite}
          revokingIds={pendingRevocations}
          onRevoke={setRevoking}
          onRotate={setRotating}
        />
      )}
      {list.hasMore && <LoadMoreKeys loading={list.loadingMore} onLoadMore={list.loadMore} />}

      <CreateKeyDialog projectId={projectId} apiBaseUrl={apiBaseUrl} open={creating} onClose={() => setCreating(false)} />
      <RevokeKeyDialog
        apiKey={revoking}
        onConfirm={(key) => revoke.mutate({ id: key.id, hint: key.hint })}
        onClose={() => setRevoking(null)}
      />
      <RotateKeyDialog projectId={projectId} apiBaseUrl={apiBaseUrl} apiKey={rotating} onClose={() => setRotating(null)} />
    </section>
  );
}
