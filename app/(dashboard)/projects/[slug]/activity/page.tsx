import { projectPageTitle } from "@/lib/projects/page-title";
import Link from "next/link";
import { requireProjectPage } from "@/lib/projects/page-access";
import { activityCursor, listActivity } from "@/lib/activity/list";
import { describeAction } from "@/lib/activity/describe";
import { ReceiptDetails } from "./_components/receipt-details";
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@/components/ui/table";

export const generateMetadata = projectPageTitle("Activity");

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
      <Table caption="Activity, newest first; times in UTC" framed>
        <TableHead>
          <TableRow>
            <TableHeaderCell>When</TableHeaderCell>
            <TableHeaderCell>Who</TableHeaderCell>
            <TableHeaderCell>What</TableHeaderCell>
            <TableHeaderCell>Target</TableHeaderCell>
            <TableHeaderCell>IP</TableHeaderCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {entries.map((entry) => (
            <TableRow key={entry.id}>
              <TableCell className="whitespace-nowrap text-zinc-600 dark:text-zinc-400">
                <time dateTime={entry.createdAt}>{entry.createdAt.replace("T", " ").slice(0, 19)} UTC</time>
              </TableCell>
              <TableCell>{entry.actor ?? "Deleted user"}</TableCell>
              <TableCell>
                {describeAction(entry.action)}
                {entry.receipt && <ReceiptDetails receipt={entry.receipt} />}
              </TableCell>
              <TableCell className="font-mono text-xs">{entry.targetLabel ?? "—"}</TableCell>
              <TableCell className="font-mono text-xs text-zinc-500">{entry.ip ?? "—"}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
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
