import type { Metadata } from "next";
import Link from "next/link";
import { listKeyActivity } from "@/lib/activity/list";
import { requireKeyPage } from "@/lib/keys/page-access";
import { KeyEnvironmentBadge, KeyStatusBadge } from "@/components/keys/key-badges";
import { KeyActivity } from "./_components/key-activity";
import { KeyFacts } from "./_components/key-facts";
import { keyPolicy } from "@/lib/keys/policy";
import { listProjectPermissions } from "@/lib/keys/permissions";
import { KeyPolicyForm, KeyPolicySummaryList } from "./_components/key-policy-form";
import { RenameKeyForm } from "./_components/rename-key-form";
import { keyPageNote } from "@/lib/projects/hidden-actions";
import { RoleNote } from "@/components/ui/role-note";
import { usageSeries } from "@/lib/usage/series";
import { KeyUsage } from "./_components/key-usage";
import { ReportLeaked } from "./_components/report-leaked";
import { KeyLeakLine } from "@/components/keys/key-leak-line";
import { LEAK_POLICY_LABELS } from "@/lib/keys/leak-schemas";

type KeyPageProps = { params: Promise<{ slug: string; keyId: string }> };

export async function generateMetadata({ params }: KeyPageProps): Promise<Metadata> {
  const { slug, keyId } = await params;
  const { project, key } = await requireKeyPage(slug, keyId);
  return { title: `${key.name} · API keys · ${project.name}` };
}

/** One key, read-only: what it is, where it stands, and what was done to it. */
export default async function KeyPage({ params }: KeyPageProps) {
  const { slug, keyId } = await params;
  const { user, project, role, key } = await requireKeyPage(slug, keyId);
  const scope = { userId: user.id, projectId: project.id };
  const [activity, policy, permissions, usage] = await Promise.all([
    listKeyActivity({ ...scope, keyId: key.id }),
    keyPolicy({ ...scope, keyId: key.id }),
    listProjectPermissions(scope),
    usageSeries({ ...scope, range: "30d", tz: "UTC", keyId: key.id }),
  ]);
  // A revoked key's policy can no longer change; the server refuses it too.
  const editable = key.canManage && key.status !== "revoked";
  const keysHref = `/projects/${project.slug}/keys`;
  return (
    <article aria-labelledby="key-heading" className="space-y-8">
      <header>
        <Link href={keysHref} className="text-sm text-indigo-700 hover:underline dark:text-indigo-400">
          ← All API keys
        </Link>
        <div className="mt-2 flex flex-wrap items-center gap-3">
          <h2 id="key-heading" className="min-w-0 text-lg font-semibold wrap-anywhere">
            {key.name}
          </h2>
          <KeyEnvironmentBadge environment={key.environment} />
          <KeyStatusBadge status={key.status} />
          {key.status !== "revoked" && (
            <div className="ml-auto">
              <ReportLeaked projectId={project.id} apiKey={key} policySummary={LEAK_POLICY_LABELS[project.leakPolicy].summary} />
            </div>
          )}
        </div>
        <p className="mt-1 font-mono text-sm text-zinc-600 dark:text-zinc-400">{key.hint}</p>
        {key.leak && <KeyLeakLine leak={key.leak} className="mt-1" />}
      </header>
      <KeyFacts apiKey={key} keyHref={(id) => `${keysHref}/${id}`} />
      <RoleNote>{keyPageNote(role, { revoked: key.status === "revoked", canManage: key.canManage })}</RoleNote>
      {editable ? (
        <section aria-label="Change this key" className="space-y-6 rounded-xl bg-white p-5 ring-1 ring-zinc-200 dark:bg-zinc-900 dark:ring-zinc-800">
          <RenameKeyForm projectId={project.id} keyId={key.id} currentName={key.name} />
          <KeyPolicyForm key={JSON.stringify(policy)} projectId={project.id} keyId={key.id} hint={key.hint} policy={policy} projectPermissions={permissions.map((p) => p.name)} />
        </section>
      ) : (
        <KeyPolicySummaryList policy={policy} />
      )}
      <KeyUsage series={usage} usageHref={`/projects/${project.slug}/usage?range=30d&key=${key.id}`} />
      <KeyActivity entries={activity} />
    </article>
  );
}
