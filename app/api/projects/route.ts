import { sessionJson } from "@/lib/http/session-json";
import { listProjects } from "@/lib/projects/queries";

/** The signed-in user's projects, for the dashboard's React Query cache. */
export async function GET(request: Request) {
  return sessionJson(request, async (user) => ({ projects: await listProjects({ userId: user.id }) }));
}
