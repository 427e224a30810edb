"use client";

import Link from "next/link";
import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { Button } from "@/components/ui/button";
import { RelativeTime } from "@/components/ui/time";
import { useMarkNotificationsRead, useNotifications } from "@/lib/client/use-notifications";
import type { NotificationItem } from "@/lib/notifications/feed";
import { UNREAD_COUNT_CAP, bellLabel, unreadBadge } from "@/lib/notifications/bell-label";

/**
 * The header's bell: the newest events of the user's projects, the unread
 * ones marked. A disclosure (a button and the panel it shows), not an ARIA
 * menu: its items are links and a button, which Tab and the arrow keys both
 * move through. Opening it marks nothing read; "Mark all as read" does, once
 * the server confirms.
 */
export function NotificationBell() {
  const [open, setOpen] = useState(false);
  const feed = useNotifications();
  const markRead = useMarkNotificationsRead();
  const panelId = useId();
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const unread = feed.data?.unread ?? 0;

  const close = (returnFocus: boolean) => {
    setOpen(false);
    if (returnFocus) button.current?.focus();
  };

  // Focus moves into the panel when it opens, so the keyboard continues there.
  useEffect(() => {
    if (open) focusables(panel.current)[0]?.focus();
  }, [open]);

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!panel.current?.contains(target) && !button.current?.contains(target)) setOpen(false);
    };
    document.addEventListener("pointerdown", onPointerDown);
    return () => document.removeEventListener("pointerdown", onPointerDown);
  }, [open]);

  const onPanelKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === "Escape") {
      event.preventDefault();
      close(true);
      return;
    }
    const step = { ArrowDown: 1, ArrowUp: -1 }[event.key];
    const items = focusables(panel.current);
    if (step === undefined && event.key !== "Home" && event.key !== "End") return;
    event.preventDefault();
    const at = items.indexOf(document.activeElement as HTMLElement);
    const next = event.key === "Home" ? 0 : event.key === "End" ? items.length - 1 : (at + (step ?? 0) + items.length) % items.length;
    items[next]?.focus();
  };

  const newest = feed.data?.items[0];
  return (
    <div className="relative">
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={bellLabel(unread, UNREAD_COUNT_CAP)}
        onClick={() => setOpen((was) => !was)}
        className="relative grid size-9 place-items-center rounded-md text-zinc-700 hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 dark:text-zinc-300 dark:hover:bg-zinc-800"
      >
        <BellIcon />
        {unread > 0 && (
          <span aria-hidden className="absolute -right-0.5 -top-0.5 min-w-4 rounded-full bg-red-600 px-1 text-center text-[10px] font-semibold leading-4 text-white">
            {unreadBadge(unread, UNREAD_COUNT_CAP)}
          </span>
        )}
      </button>
      {open && (
        <div
          ref={panel}
          id={panelId}
          role="region"
          aria-label="Notifications"
          onKeyDown={onPanelKeyDown}
          onBlur={(event) => {
            // Tab past the last item (or Shift+Tab before the first) closes it.
            const next = event.relatedTarget as Node | null;
            if (next && !panel.current?.contains(next) && next !== button.current) setOpen(false);
          }}
          className="absolute right-0 z-30 mt-2 w-[min(24rem,calc(100vw-2rem))] rounded-xl bg-white shadow-lg ring-1 ring-zinc-200 dark:bg-zinc-900 dark:ring-zinc-800"
        >
          <div className="flex items-center justify-between gap-2 border-b border-zinc-200 px-4 py-2 dark:border-zinc-800">
            <h2 className="text-sm font-semibold">Notifications</h2>
            {unread > 0 && newest && (
              <Button variant="ghost" className="px-2 py-1 text-xs" pending={markRead.isPending} onClick={() => markRead.mutate({ throughEventId: newest.id })}>
                {markRead.isPending ? "Marking as read…" : "Mark all as read"}
              </Button>
            )}
          </div>
          <FeedBody feed={feed} onFollow={() => close(false)} />
        </div>
      )}
    </div>
  );
}

function FeedBody({ feed, onFollow }: { feed: ReturnType<typeof useNotifications>; onFollow: () => void }) {
  if (feed.isPending) return <p role="status" className="px-4 py-6 text-sm text-zinc-500 dark:text-zinc-400">Loading notifications…</p>;
  if (feed.isError && !feed.data)
    return (
      <div role="alert" className="space-y-2 px-4 py-6 text-sm">
        <p className="text-red-700 dark:text-red-400">Could not load notifications.</p>
        <Button variant="secondary" onClick={() => void feed.refetch()}>
          Try again
        </Button>
      </div>
    );
  if (!feed.data.items.length) return <p className="px-4 py-6 text-sm text-zinc-500 dark:text-zinc-400">No notifications yet</p>;
  return (
    <ul aria-label="Recent events" className="max-h-[60vh] divide-y divide-zinc-100 overflow-y-auto dark:divide-zinc-800">
      {feed.data.items.map((item) => (
        <li key={item.id}>
          <NotificationLink item={item} onFollow={onFollow} />
        </li>
      ))}
    </ul>
  );
}

function NotificationLink({ item, onFollow }: { item: NotificationItem; onFollow: () => void }) {
  return (
    <Link
      href={item.href}
      onClick={onFollow}
      className="flex gap-3 px-4 py-3 text-sm hover:bg-zinc-50 focus-visible:bg-zinc-50 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-indigo-600 dark:hover:bg-zinc-800 dark:focus-visible:bg-zinc-800"
    >
      <span aria-hidden className={`mt-1.5 size-2 shrink-0 rounded-full ${item.unread ? "bg-indigo-600" : "bg-transparent"}`} />
      <span className="min-w-0">
        {item.unread && <span className="sr-only">Unread: </span>}
        <span className={item.unread ? "font-medium" : ""}>{item.sentence}</span>
        <span className="mt-0.5 block text-xs text-zinc-500 dark:text-zinc-400">
          {item.project.name} · <RelativeTime iso={item.createdAt} />
        </span>
      </span>
    </Link>
  );
}

function focusables(root: HTMLElement | null): HTMLElement[] {
  return root ? Array.from(root.querySelectorAll<HTMLElement>("a[href], button:not([disabled])")) : [];
}

function BellIcon() {
  return (
    <svg aria-hidden viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round" className="size-5">
      <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
      <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
    </svg>
  );
}
