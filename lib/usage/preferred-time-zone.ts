import { cookies } from "next/headers";
import { isTimeZone } from "./time-zone";

/** Set by the browser (see TimeZoneCookie) so that server renders use the reader's zone. */
export const TIME_ZONE_COOKIE = "keydeck-tz";

export async function preferredTimeZone(): Promise<string> {
  const value = (await cookies()).get(TIME_ZONE_COOKIE)?.value;
  return value && isTimeZone(value) ? value : "UTC";
}
