"use client";

import { useSyncExternalStore } from "react";

const noSubscription = () => () => {};

/**
 * False in the server's HTML and until React has hydrated it, then true. For
 * a button whose only behaviour is its click handler: disabled until then,
 * so that an early click waits for a button that works instead of doing
 * nothing (seen on a first page load on a busy machine).
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}
