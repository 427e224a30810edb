import { z } from "zod";

/** True for an IANA time zone name this runtime (and so PostgreSQL's tz database) knows. */
export function isTimeZone(value: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/.test(value)) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export const timeZone = z.string().refine(isTimeZone, { error: "Unknown time zone." });
