import { projectPageTitle } from "@/lib/projects/page-title";
import { requireProjectPage } from "@/lib/projects/page-access";
import { getTeam } from "@/lib/teams/queries";
import { hiddenActionsNote } from "@/lib/projects/hidden-actions";
import { MembersView } from "./_components/members-view";

export const generateMetadata = projectPageTitle("Members");

export default async function MembersPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { user, project, role } = await requireProjectPage(slug, "members:read");
  const team = await getTeam({ userId: user.id, projectId: project.id });
  return <MembersView projectId={project.id} projectName={project.name} team={team} roleNote={hiddenActionsNote(role, "members")} />;
}
