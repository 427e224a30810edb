"use client";

import { useEffect, useState } from "react";
import type { KeyFilters } from "@/lib/client/query-keys";
import { DEFAULT_KEY_FILTERS } from "@/lib/client/use-list-keys";

/** The list's filters, with the search box's text applied a moment after the last keystroke rather than on each one. */
export function useKeyFilters() {
  const [filters, setFilters] = useState<KeyFilters>(DEFAULT_KEY_FILTERS);
  const [search, setSearch] = useState("");

  useEffect(() => {
    const timer = setTimeout(() => setFilters((f) => (f.q === search.trim() ? f : { ...f, q: search.trim() })), 250);
    return () => clearTimeout(timer);
  }, [search]);

  return {
    filters,
    search,
    setSearch,
    setFilter: (name: "status" | "environment", value: string) => setFilters((f) => ({ ...f, [name]: value })),
  };
}
