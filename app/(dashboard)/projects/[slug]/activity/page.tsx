import type { Metadata } from "next";
import Link from "next/link";
import { requireProjectPage } from "@/lib/projects/page-access";
import { activityCursor, listActivity } from "@/lib/activity/list";
import { describeAction } from "@/lib/activity/describe";

export const metadata: Metadata = { title: "Activity" };

export default async function ActivityPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<{ cursor?: string | string[] }>;
}) {
  const { slug } = await params;
  const cursor = activityCursor((await searchParams).cursor);
  const { user, project } = await requireProjectPage(slug, "activity:read");
  const { entries, nextCursor } = await listActivity({ userId: user.id, projectId: project.id, cursor });

  if (entries.length === 0) {
    return <p className="text-sm text-zinc-600 dark:text-zinc-400">No activity yet.</p>;
  }
  return (
    <section aria-labelledby="activity-heading">
      <h2 id="activity-heading" className="sr-only">
        Activity
      </h2>
      <div className="overflow-x-auto rounded-xl bg-white ring-1 ring-zinc-200 dark:bg-zinc-900 dark:ring-zinc-800">
        <table className="min-w-full text-sm">
          <thead className="text-left text-xs uppercase tracking-wide text-zinc-500 dark:text-zinc-400">
            <tr>
              <th scope="col" className="px-4 py-3 font-medium">When</th>
              <th scope="col" className="px-4 py-3 font-medium">Who</th>
              <th scope="col" className="px-4 py-3 font-medium">What</th>
              <th scope="col" className="px-4 py-3 font-medium">Target</th>
              <th scope="col" className="px-4 py-3 font-medium">IP</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
            {entries.map((entry) => (
              <tr key={entry.id}>
                <td className="whitespace-nowrap px-4 py-3 text-zinc-600 dark:text-zinc-400">
                  <time dateTime={entry.createdAt}>{entry.createdAt.replace("T", " ").slice(0, 19)} UTC</time>
                </td>
                <td className="px-4 py-3">{entry.actor ?? "Deleted user"}</td>
                <td className="px-4 py-3">{describeAction(entry.action)}</td>
                <td className="px-4 py-3 font-mono text-xs">{entry.targetLabel ?? "—"}</td>
                <td className="px-4 py-3 font-mono text-xs text-zinc-500">{entry.ip ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {(cursor || nextCursor) && (
        <nav aria-label="Activity pages" className="mt-4 flex justify-between text-sm">
          {cursor ? <Link href={`/projects/${slug}/activity`} className="text-indigo-700 hover:underline dark:text-indigo-400">Newest</Link> : <span />}
          {nextCursor && (
            <Link href={`/projects/${slug}/activity?cursor=${nextCursor}`} className="text-indigo-700 hover:underline dark:text-indigo-400">
              Older
            </Link>
          )}
        </nav>
      )}
    </section>
  );
}
