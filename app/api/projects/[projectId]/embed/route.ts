import { sessionJson } from "@/lib/http/session-json";
import { embedSettings } from "@/lib/embed/settings";

/** The Embed tab's settings (hints only, never a secret). */
export async function GET(request: Request, { params }: { params: Promise<{ projectId: string }> }) {
  return sessionJson(request, async (user) => embedSettings({ userId: user.id, projectId: (await params).projectId }));
}
