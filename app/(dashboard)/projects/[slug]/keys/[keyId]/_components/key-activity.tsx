import type { ActivityEntry } from "@/lib/activity/list";
import { describeAction } from "@/lib/activity/describe";

/** The key's history as a timeline, newest first; the project's Activity tab has the rest of the log. */
export function KeyActivity({ entries }: { entries: ActivityEntry[] }) {
  return (
    <section aria-labelledby="key-activity-heading">
      <h3 id="key-activity-heading" className="text-base font-semibold">
        Activity
      </h3>
      {entries.length === 0 ? (
        <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">No activity is recorded for this key.</p>
      ) : (
        <ol aria-label="Activity of this key, newest first; times in UTC" className="mt-3 divide-y divide-zinc-200 rounded-xl bg-white ring-1 ring-zinc-200 dark:divide-zinc-800 dark:bg-zinc-900 dark:ring-zinc-800">
          {entries.map((entry) => (
            <li key={entry.id} className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 px-4 py-3 text-sm">
              <span className="min-w-0 wrap-anywhere">
                <span className="font-medium">{entry.actor ?? "Deleted user"}</span> {describeAction(entry.action)}
              </span>
              <span className="text-xs text-zinc-500 dark:text-zinc-400">
                <time dateTime={entry.createdAt}>{entry.createdAt.replace("T", " ").slice(0, 19)} UTC</time>
                {entry.ip && <span className="font-mono"> · {entry.ip}</span>}
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
