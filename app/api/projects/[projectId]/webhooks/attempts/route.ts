import { sessionJson } from "@/lib/http/session-json";
import { AppError } from "@/lib/errors";
import { endpointId } from "@/lib/webhooks/schemas";
import { listWebhookAttempts } from "@/lib/webhooks/read";

/** An endpoint's delivery log (`?endpoint=<id>`): its latest attempts, newest first. */
export async function GET(request: Request, { params }: { params: Promise<{ projectId: string }> }) {
  return sessionJson(request, async (user) => {
    const parsed = endpointId.safeParse(new URL(request.url).searchParams.get("endpoint") ?? "");
    if (!parsed.success) throw new AppError("not_found", "This webhook endpoint does not exist (it may have been deleted).");
    return listWebhookAttempts({ userId: user.id, projectId: (await params).projectId, endpointId: parsed.data });
  });
}
