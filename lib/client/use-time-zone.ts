"use client";

import { useSyncExternalStore } from "react";

const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";

/**
 * The reader's time zone. The server renders with `serverTimeZone` (from
 * the keydeck-tz cookie); the browser's own zone takes over after hydration.
 */
export function useTimeZone(serverTimeZone: string): string {
  return useSyncExternalStore(
    () => () => {},
    browserZone,
    () => serverTimeZone,
  );
}
