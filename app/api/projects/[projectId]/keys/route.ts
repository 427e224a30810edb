import { getSessionUser } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { jsonError } from "@/lib/http";
import { listKeys } from "@/lib/keys/queries";
import { listKeysQuery } from "@/lib/keys/schemas";

/** A page of a project's keys for the dashboard's React Query cache (hints only, never hashes). */
export async function GET(request: Request, { params }: { params: Promise<{ projectId: string }> }) {
  const user = await getSessionUser();
  if (!user) return jsonError("unauthenticated");
  const { projectId } = await params;
  const parsed = listKeysQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) return jsonError("invalid_request", "The key list's filters are not valid.");
  try {
    const page = await listKeys({ userId: user.id, projectId, query: parsed.data });
    return Response.json(page, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    if (error instanceof AppError) return jsonError(error.code);
    throw error;
  }
}
