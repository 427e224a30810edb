import { AppError } from "@/lib/errors";
import { sessionResponse } from "@/lib/http/session-json";
import { usageSeriesQuery } from "@/lib/usage/series";
import { usageExport } from "@/lib/usage/usage-export";

/** The Usage tab's CSV export: the range (and key) the page shows, one row per day and key. */
export async function GET(request: Request, { params }: { params: Promise<{ projectId: string }> }) {
  return sessionResponse(request, async (user) => {
    const parsed = usageSeriesQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!parsed.success) throw new AppError("invalid_request", "Choose a range of 24h, 7d, 30d or 90d, a known time zone and a key id.");
    const { range, tz, key } = parsed.data;
    const { filename, csv } = await usageExport({ userId: user.id, projectId: (await params).projectId, range, tz, keyId: key ?? null });
    return new Response(csv, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        // The slug and the dates are ASCII (slugs are lowercase words and hyphens), so the plain filename form is enough.
        "Content-Disposition": `attachment; filename="${filename}"`,
        "Cache-Control": "no-store",
      },
    });
  });
}
