"use client";

import { useState } from "react";
import type { KeySummary } from "@/lib/keys/queries";
import { isFilteredKeyList } from "@/lib/keys/list-params";
import { useListKeys, type InitialKeyPage } from "@/lib/client/use-list-keys";
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
import { useKeyListState } from "./use-key-list-state";

export function KeysView({
  projectId,
  slug,
  initialPage,
  canWrite,
  readOnlyReason,
  apiBaseUrl,
  projectPermissions,
}: {
  projectId: string;
  slug: string;
  initialPage: InitialKeyPage;
  canWrite: boolean;
  readOnlyReason: string | null;
  apiBaseUrl: string;
  projectPermissions: string[];
}) {
  const { params, search, note, setSearch, clearSearch, setParam } = useKeyListState();
  const list = useListKeys(projectId, params, initialPage);
  const [creating, setCreating] = useState(false);
  const revoke = useRevokeKey(projectId);
  const pendingRevocations = usePendingRevocations(projectId);
  const [revoking, setRevoking] = useState<KeySummary | null>(null);
  const [rotating, setRotating] = useState<KeySummary | null>(null);
  const create = canWrite ? () => setCreating(true) : undefined;

  return (
    <section aria-labelledby="keys-heading">
      <KeysHeader onCreate={create} readOnlyReason={readOnlyReason} />
      <KeyFiltersBar params={params} search={search} note={note} onSearch={setSearch} onClearSearch={clearSearch} onParam={setParam} />
      <KeysListStatus total={list.total} loading={list.loading} failed={list.failed} onRetry={list.retry} />

      {list.keys.length === 0 && !list.loading ? (
        <KeysEmpty filtered={isFilteredKeyList(params)} onCreate={create} />
      ) : (
        <KeysTable
          keys={list.keys}
          keyHref={(key) => `/projects/${slug}/keys/${key.id}`}
          canWrite={canWrite}
          revokingIds={pendingRevocations}
          onRevoke={setRevoking}
          onRotate={setRotating}
        />
      )}
      {list.hasMore && <LoadMoreKeys loading={list.loadingMore} onLoadMore={list.loadMore} />}

      <CreateKeyDialog projectId={projectId} apiBaseUrl={apiBaseUrl} projectPermissions={projectPermissions} open={creating} onClose={() => setCreating(false)} />
      <RevokeKeyDialog
        apiKey={revoking}
        onConfirm={(key) => revoke.mutate({ id: key.id, hint: key.hint })}
        onClose={() => setRevoking(null)}
      />
      <RotateKeyDialog projectId={projectId} apiBaseUrl={apiBaseUrl} apiKey={rotating} onClose={() => setRotating(null)} />
    </section>
  );
}
