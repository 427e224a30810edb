import { sessionJson } from "@/lib/http/session-json";
import { listWebhookEndpoints } from "@/lib/webhooks/read";

/** The Webhooks tab's endpoints (secrets' hints only, never a secret). */
export async function GET(request: Request, { params }: { params: Promise<{ projectId: string }> }) {
  return sessionJson(request, async (user) => listWebhookEndpoints({ userId: user.id, projectId: (await params).projectId }));
}
