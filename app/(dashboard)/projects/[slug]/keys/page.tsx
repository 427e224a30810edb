import { projectPageTitle } from "@/lib/projects/page-title";
import { requireProjectPage } from "@/lib/projects/page-access";
import { can } from "@/lib/projects/roles";
import { hiddenActionsNote } from "@/lib/projects/hidden-actions";
import { listKeys } from "@/lib/keys/queries";
import { listKeysQuery } from "@/lib/keys/schemas";
import { env } from "@/lib/env";
import { KeysView } from "./_components/keys-view";

export const generateMetadata = projectPageTitle("API keys");

export default async function KeysPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { user, project, role } = await requireProjectPage(slug, "keys:read");
  const initialPage = await listKeys({ userId: user.id, projectId: project.id, query: listKeysQuery.parse({}) });
  return (
    <KeysView
      projectId={project.id}
      initialPage={initialPage}
      canWrite={can(role, "keys:write:test")}
      readOnlyReason={hiddenActionsNote(role, "keys")}
      apiBaseUrl={env().API_BASE_URL}
    />
  );
}
