import type { NextRequest } from "next/server";
import { embedResponse } from "@/lib/embed/embed-page";

// The embeddable usage widget (lib/embed/embed-page.ts). A route handler, not
// a page: it sets its own headers (frame-ancestors from the project's allowed
// origins, a cookie) and serves HTML with no script.
export const dynamic = "force-dynamic";

export async function GET(request: NextRequest, { params }: { params: Promise<{ publishableKey: string }> }) {
  const { publishableKey } = await params;
  return embedResponse(request, publishableKey);
}
