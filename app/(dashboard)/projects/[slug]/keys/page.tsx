import { projectPageTitle } from "@/lib/projects/page-title";
import { requireProjectPage } from "@/lib/projects/page-access";
import { can } from "@/lib/projects/roles";
import { hiddenActionsNote } from "@/lib/projects/hidden-actions";
import { listKeys } from "@/lib/keys/queries";
import { listKeysQuery, parseKeyListParams } from "@/lib/keys/list-params";
import { env } from "@/lib/env";
import { KeysView } from "./_components/keys-view";
import { listProjectPermissions } from "@/lib/keys/permissions";

export const generateMetadata = projectPageTitle("API keys");

export default async function KeysPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { slug } = await params;
  const { user, project, role } = await requireProjectPage(slug, "keys:read");
  // The list the URL asks for, so that a reload or a shared link shows it from the first paint.
  const listParams = parseKeyListParams(await searchParams);
  const [page, permissions] = await Promise.all([
    listKeys({ userId: user.id, projectId: project.id, query: listKeysQuery.parse(listParams) }),
    listProjectPermissions({ userId: user.id, projectId: project.id }),
  ]);
  return (
    <KeysView
      projectId={project.id}
      slug={project.slug}
      initialPage={{ page, params: listParams }}
      canWrite={can(role, "keys:write:test")}
      readOnlyReason={hiddenActionsNote(role, "keys")}
      apiBaseUrl={env().API_BASE_URL}
      projectPermissions={permissions.map((p) => p.name)}
    />
  );
}
