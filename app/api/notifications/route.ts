import { sessionJson } from "@/lib/http/session-json";
import { listNotifications } from "@/lib/notifications/feed";

/** The header bell's events: the newest of every project the user is a member of, and the unread count. */
export async function GET(request: Request) {
  return sessionJson(request, async (user) => listNotifications({ userId: user.id }));
}
