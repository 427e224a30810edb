import { z } from "zod";
import { AppError } from "@/lib/errors";
import { sessionJson } from "@/lib/http/session-json";
import { usageSummary } from "@/lib/usage/summary";
import { timeZone } from "@/lib/usage/time-zone";

const query = z.object({ tz: timeZone.default("UTC") });

/** The Overview's figures, polled by the dashboard. */
export async function GET(request: Request, { params }: { params: Promise<{ projectId: string }> }) {
  return sessionJson(request, async (user) => {
    const parsed = query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!parsed.success) throw new AppError("invalid_request", "Unknown time zone.");
    return usageSummary({ userId: user.id, projectId: (await params).projectId, timeZone: parsed.data.tz });
  });
}
