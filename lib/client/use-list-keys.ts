"use client";

import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import type { KeyPage } from "../keys/queries";
import { keyKeys, type KeyFilters } from "./query-keys";
import { fetchJson } from "./fetch-json";

export const DEFAULT_KEY_FILTERS: KeyFilters = { status: "all", environment: "all", q: "" };

export const isDefaultKeyFilters = (filters: KeyFilters) =>
  filters.status === DEFAULT_KEY_FILTERS.status && filters.environment === DEFAULT_KEY_FILTERS.environment && filters.q === DEFAULT_KEY_FILTERS.q;

/** A project's keys, a page at a time; the server rendered the first page of the unfiltered list. */
export function useListKeys(projectId: string, filters: KeyFilters, initialPage: KeyPage) {
  const query = useInfiniteQuery({
    queryKey: keyKeys.list(projectId, filters),
    queryFn: ({ pageParam }) =>
      fetchJson<KeyPage>(`/api/projects/${projectId}/keys`, "Could not load keys.", { ...filters, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    initialData: isDefaultKeyFilters(filters) ? { pages: [initialPage], pageParams: [undefined] } : undefined,
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
