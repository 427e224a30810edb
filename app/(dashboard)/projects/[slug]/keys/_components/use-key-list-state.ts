"use client";

import { useCallback, useEffect, useMemo, useState } from "react";
import { usePathname, useSearchParams } from "next/navigation";
import { keyListSearch, parseKeyListParams, type KeyListParams } from "@/lib/keys/list-params";
import { classifySearchText } from "@/lib/keys/shape";
import { hashKeyInBrowser } from "@/lib/client/hash-key";

/** What the search box says besides its text: a pasted key being hashed, part of a key (not sent), or no Web Crypto. */
export type SearchNote = "hashing" | "fragment" | "no-crypto" | null;

/**
 * The keys list's filters, search and order, kept in the page's URL so that a
 * reload, Back, or a shared link shows the same list. The URL changes with
 * history.replaceState, which Next.js's useSearchParams follows without a
 * request to the server (router.replace would render the page again on the
 * server; React Query already fetches the list). Typing does not add history
 * entries; Back leaves the list. A pasted key never enters the URL, the state
 * or the box: only its SHA-256 does, computed here.
 */
export function useKeyListState() {
  const searchParams = useSearchParams();
  const pathname = usePathname();
  const params = useMemo(() => parseKeyListParams(searchParams), [searchParams]);
  const [draft, setDraft] = useState(params.q);
  const [note, setNote] = useState<SearchNote>(null);

  // The URL's search changed under the box (Back, Forward, a link, Clear): the box follows.
  const [shownQ, setShownQ] = useState(params.q);
  if (shownQ !== params.q) {
    setShownQ(params.q);
    if (params.q !== draft.trim()) setDraft(params.q);
  }

  const update = useCallback(
    (change: (current: KeyListParams) => KeyListParams) => {
      // Read at the moment of writing: a hash arrives after other changes may have been made.
      const current = parseKeyListParams(new URLSearchParams(window.location.search));
      window.history.replaceState(null, "", `${pathname}${keyListSearch(change(current))}`);
    },
    [pathname],
  );

  const searchKey = useCallback(
    (key: string) => {
      setDraft("");
      setNote("hashing");
      hashKeyInBrowser(key).then(
        (hash) => {
          setNote(null);
          update((p) => ({ ...p, q: "", key_hash: hash }));
        },
        () => setNote("no-crypto"),
      );
    },
    [update],
  );

  // A search term goes into the URL a moment after the last keystroke, not on each one.
  useEffect(() => {
    const search = classifySearchText(draft);
    if (search.kind !== "text" || search.text === params.q) return;
    const timer = setTimeout(() => update((p) => ({ ...p, q: search.text, key_hash: undefined })), 250);
    return () => clearTimeout(timer);
  }, [draft, params.q, update]);

  // A link that carries a key (or part of one) as `q`: the key is hashed and the address scrubbed.
  const rawQ = searchParams.get("q");
  // (The list already ignores such a `q`: parseKeyListParams drops it, and update() rewrites the URL without it.)
  useEffect(() => {
    const search = classifySearchText(rawQ ?? "");
    if (search.kind === "full-key") {
      hashKeyInBrowser(search.key).then(
        (hash) => update((p) => ({ ...p, q: "", key_hash: hash })),
        () => update((p) => p),
      );
    } else if (search.kind === "key-fragment") {
      update((p) => p);
    }
  }, [rawQ, update]);

  return {
    params,
    search: draft,
    note,
    setSearch: (text: string) => {
      const search = classifySearchText(text);
      if (search.kind === "full-key") return searchKey(search.key);
      setDraft(text);
      setNote(search.kind === "key-fragment" ? "fragment" : null);
    },
    clearSearch: () => {
      setDraft("");
      setNote(null);
      update((p) => ({ ...p, q: "", key_hash: undefined }));
    },
    setParam: (name: "status" | "environment" | "sort", value: string) => update((p) => parseKeyListParams({ ...keyListRecord(p), [name]: value })),
  };
}

const keyListRecord = (params: KeyListParams) => Object.fromEntries(new URLSearchParams(keyListSearch(params)));
