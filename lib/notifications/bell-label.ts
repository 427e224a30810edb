/** Unread events are counted up to this; the bell says "99+" beyond it. */
export const UNREAD_COUNT_CAP = 100;

/** The badge's text: the count, or "99+" when there are at least `cap` (the feed counts no further). */
export function unreadBadge(unread: number, cap: number): string {
  return unread >= cap ? `${cap - 1}+` : String(unread);
}

/** The bell's accessible name: what it is, then how many are unread. */
export function bellLabel(unread: number, cap: number): string {
  if (unread <= 0) return "Notifications";
  return `Notifications, ${unreadBadge(unread, cap)} unread`;
}
