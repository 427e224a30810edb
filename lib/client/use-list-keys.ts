"use client";

import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import type { KeyPage } from "../keys/queries";
import { sameKeyListParams, type KeyListParams } from "../keys/list-params";
import { keyKeys } from "./query-keys";
import { fetchJson } from "./fetch-json";

/** The first page the server rendered, and the list state (from the page's URL) it rendered it for. */
export type InitialKeyPage = { page: KeyPage; params: KeyListParams };

/** A project's keys, a page at a time, for the list state in the URL. */
export function useListKeys(projectId: string, params: KeyListParams, initial: InitialKeyPage) {
  const query = useInfiniteQuery({
    queryKey: keyKeys.list(projectId, params),
    queryFn: ({ pageParam }) =>
      fetchJson<KeyPage>(`/api/projects/${projectId}/keys`, "Could not load keys.", { ...params, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // Back from another page the URL may hold other filters than the server rendered with.
    initialData: sameKeyListParams(params, initial.params) ? { pages: [initial.page], pageParams: [undefined] } : undefined,
    placeholderData: keepPreviousData,
  });
  return {
    keys: query.data?.pages.flatMap((page) => page.keys) ?? [],
    total: query.data?.pages[0]?.total ?? 0,
    /** A first page is on its way (a new filter, a refetch); not "more". */
    loading: query.isFetching && !query.isFetchingNextPage,
    failed: query.isError,
    retry: () => void query.refetch(),
    hasMore: query.hasNextPage,
    loadingMore: query.isFetchingNextPage,
    loadMore: () => void query.fetchNextPage(),
  };
}
