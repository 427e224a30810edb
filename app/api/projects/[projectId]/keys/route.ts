import { AppError } from "@/lib/errors";
import { sessionJson } from "@/lib/http/session-json";
import { listKeys } from "@/lib/keys/queries";
import { listKeysQuery } from "@/lib/keys/list-params";

/** A page of a project's keys for the dashboard's React Query cache (hints only, never hashes). */
export async function GET(request: Request, { params }: { params: Promise<{ projectId: string }> }) {
  return sessionJson(request, async (user) => {
    const parsed = listKeysQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!parsed.success) {
      const keyInSearch = parsed.error.issues.find((issue) => issue.path[0] === "q" && issue.message.includes("key_hash"));
      throw new AppError("invalid_request", keyInSearch?.message ?? "The key list's filters are not valid.");
    }
    return listKeys({ userId: user.id, projectId: (await params).projectId, query: parsed.data });
  });
}
