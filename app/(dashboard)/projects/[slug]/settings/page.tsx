import { projectPageTitle } from "@/lib/projects/page-title";
import { requireProjectPage } from "@/lib/projects/page-access";
import { can } from "@/lib/projects/roles";
import { hiddenActionsNote } from "@/lib/projects/hidden-actions";
import { RoleNote } from "@/components/ui/role-note";
import { RenameProjectForm } from "./_components/rename-project-form";
import { DeleteProject } from "./_components/delete-project";
import { PermissionsSection } from "./_components/permissions-section";
import { listProjectPermissions } from "@/lib/keys/permissions";
import { LeakPolicySection } from "./_components/leak-policy-section";

export const generateMetadata = projectPageTitle("Settings");

export default async function ProjectSettingsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { user, project, role } = await requireProjectPage(slug);
  const permissions = await listProjectPermissions({ userId: user.id, projectId: project.id });
  return (
    <div className="max-w-2xl space-y-8">
      <RoleNote>{hiddenActionsNote(role, "settings")}</RoleNote>
      <section aria-labelledby="general-heading" className="rounded-xl bg-white p-6 ring-1 ring-zinc-200 dark:bg-zinc-900 dark:ring-zinc-800">
        <h2 id="general-heading" className="text-base font-semibold">
          General
        </h2>
        {can(role, "project:update") ? (
          <RenameProjectForm projectId={project.id} currentName={project.name} />
        ) : (
          <p className="mt-2 text-sm">
            <span className="text-zinc-500 dark:text-zinc-400">Name:</span> {project.name}
          </p>
        )}
        <p className="mt-4 text-xs text-zinc-500 dark:text-zinc-400">
          The project&apos;s URL, <span className="font-mono">/projects/{project.slug}</span>, stays the same when you rename it.
        </p>
      </section>
      <PermissionsSection projectId={project.id} permissions={permissions} canWrite={can(role, "project:update")} />
      <LeakPolicySection key={project.leakPolicy} projectId={project.id} policy={project.leakPolicy} canWrite={can(role, "keys:leak-policy")} />
      {can(role, "project:delete") && (
        <section aria-labelledby="danger-heading" className="rounded-xl bg-white p-6 ring-1 ring-red-200 dark:bg-zinc-900 dark:ring-red-900/60">
          <h2 id="danger-heading" className="text-base font-semibold text-red-700 dark:text-red-400">
            Danger zone
          </h2>
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
            Deleting the project removes its members, keys and activity for good.
          </p>
          <DeleteProject projectId={project.id} projectName={project.name} projectSlug={project.slug} />
        </section>
      )}
    </div>
  );
}
