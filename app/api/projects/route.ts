import { getSessionUser } from "@/lib/auth/session";
import { listProjects } from "@/lib/projects/queries";
import { jsonError } from "@/lib/http";

/** The signed-in user's projects, for the dashboard's React Query cache. */
export async function GET() {
  const user = await getSessionUser();
  if (!user) return jsonError("unauthenticated");
  return Response.json({ projects: await listProjects({ userId: user.id }) }, { headers: { "Cache-Control": "no-store" } });
}
