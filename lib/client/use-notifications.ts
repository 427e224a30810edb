"use client";

import { useQuery } from "@tanstack/react-query";
import type { NotificationFeed } from "../notifications/feed";
import { markNotificationsRead } from "../actions/mark-notifications-read";
import { useActionMutation } from "./action-mutation";
import { notificationKeys } from "./query-keys";
import { fetchJson } from "./fetch-json";

// Events are minutes-scale news (a threshold, an expiry, a teammate's
// revoke): every 30 s is prompt without a request per page every few seconds.
export const NOTIFICATIONS_POLL_MS = 30_000;

/** The header bell's feed, polled while any dashboard page is open (and at once when the window regains focus). */
export function useNotifications() {
  return useQuery({
    queryKey: notificationKeys.feed(),
    queryFn: () => fetchJson<NotificationFeed>("/api/notifications", "Could not load notifications."),
    refetchInterval: NOTIFICATIONS_POLL_MS,
  });
}

export function useMarkNotificationsRead() {
  return useActionMutation({
    action: (input: { throughEventId: string }) => markNotificationsRead(input),
    invalidates: [notificationKeys.feed()],
    errorToast: (error) => error.message,
  });
}
