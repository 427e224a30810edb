import { projectPageTitle } from "@/lib/projects/page-title";
import { requireProjectPage } from "@/lib/projects/page-access";
import { can } from "@/lib/projects/roles";
import { hiddenActionsNote } from "@/lib/projects/hidden-actions";
import { readEmbedSettings } from "@/lib/embed/settings";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { EmbedView } from "./_components/embed-view";

export const generateMetadata = projectPageTitle("Embed");

export default async function EmbedPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { project, role } = await requireProjectPage(slug);
  const settings = await readEmbedSettings(db, project.id);
  const config = env();
  return (
    <EmbedView
      projectId={project.id}
      initial={settings}
      canWrite={can(role, "embed:write")}
      roleNote={hiddenActionsNote(role, "embed")}
      appUrl={config.NEXTAUTH_URL}
      apiBaseUrl={config.API_BASE_URL}
    />
  );
}
