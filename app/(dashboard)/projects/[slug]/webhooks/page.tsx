import { projectPageTitle } from "@/lib/projects/page-title";
import { requireProjectPage } from "@/lib/projects/page-access";
import { can } from "@/lib/projects/roles";
import { hiddenActionsNote } from "@/lib/projects/hidden-actions";
import { listWebhookEndpoints } from "@/lib/webhooks/read";
import { EVENT_TYPES } from "@/lib/webhooks/event-types";
import { WebhooksView } from "./_components/webhooks-view";

export const generateMetadata = projectPageTitle("Webhooks");

export default async function WebhooksPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { user, project, role } = await requireProjectPage(slug, "webhooks:read");
  const endpoints = await listWebhookEndpoints({ userId: user.id, projectId: project.id });
  return (
    <WebhooksView
      projectId={project.id}
      initial={endpoints}
      eventTypes={Object.entries(EVENT_TYPES).map(([name, description]) => ({ name, description }))}
      canManage={can(role, "webhooks:manage")}
      roleNote={hiddenActionsNote(role, "webhooks")}
    />
  );
}
