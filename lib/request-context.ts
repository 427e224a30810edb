import { headers } from "next/headers";

/**
 * The client's IP for the activity log. X-Forwarded-For is written by the
 * operator's reverse proxy; Keydeck's dashboard is meant to run behind one.
 */
export async function clientIp(): Promise<string | null> {
  const h = await headers();
  const forwarded = h.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || h.get("x-real-ip") || null;
}
