import { cookies } from "next/headers";
import { isTimeZone } from "./time-zone";
import { TIME_ZONE_COOKIE } from "./time-zone-cookie";

export async function preferredTimeZone(): Promise<string> {
  const value = (await cookies()).get(TIME_ZONE_COOKIE)?.value;
  return value && isTimeZone(value) ? value : "UTC";
}
