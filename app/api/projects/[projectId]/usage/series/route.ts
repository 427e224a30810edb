import { AppError } from "@/lib/errors";
import { sessionJson } from "@/lib/http/session-json";
import { usageSeries, usageSeriesQuery } from "@/lib/usage/series";

/** Usage over time for the Usage tab, polled by the dashboard. */
export async function GET(request: Request, { params }: { params: Promise<{ projectId: string }> }) {
  return sessionJson(request, async (user) => {
    const parsed = usageSeriesQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!parsed.success) throw new AppError("invalid_request", "Choose a range of 24h, 7d, 30d or 90d, a known time zone and a key id.");
    const { range, tz, key } = parsed.data;
    return usageSeries({ userId: user.id, projectId: (await params).projectId, range, tz, keyId: key ?? null });
  });
}
