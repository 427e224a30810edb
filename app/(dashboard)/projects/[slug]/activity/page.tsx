import { projectPageTitle } from "@/lib/projects/page-title";
import Link from "next/link";
import { requireProjectPage } from "@/lib/projects/page-access";
import { activityCursor, listActivity, type ActivityEntry } from "@/lib/activity/list";
import { describeAction } from "@/lib/activity/describe";
import { ReceiptDetails } from "./_components/receipt-details";
import { ResponsiveTable, type Column } from "@/components/ui/responsive-table";

export const generateMetadata = projectPageTitle("Activity");

const columns: Column<ActivityEntry>[] = [
  {
    header: "When",
    className: "whitespace-nowrap text-zinc-600 dark:text-zinc-400",
    cell: (entry) => <time dateTime={entry.createdAt}>{entry.createdAt.replace("T", " ").slice(0, 19)} UTC</time>,
  },
  { header: "Who", cell: (entry) => entry.actor ?? "Deleted user" },
  {
    header: "What",
    card: "title",
    className: "min-w-40",
    cell: (entry, layout) => (
      <>
        <span className={layout === "card" ? "font-medium" : ""}>{describeAction(entry.action)}</span>
        {entry.receipt && <ReceiptDetails receipt={entry.receipt} />}
      </>
    ),
  },
  // Names, addresses and hints have no spaces; they break anywhere rather than widen the table.
  { header: "Target", className: "min-w-32 wrap-anywhere", cell: (entry) => <span className="font-mono text-xs">{entry.targetLabel ?? "—"}</span> },
  { header: "IP", className: "font-mono text-xs text-zinc-500", cell: (entry) => entry.ip ?? "—" },
];

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
      <ResponsiveTable caption="Activity, newest first; times in UTC" rows={entries} columns={columns} />
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
