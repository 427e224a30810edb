// Its own module so that the browser side imports the name without zod.
/** Set by the browser (app/providers.tsx) so that server renders use the reader's zone. */
export const TIME_ZONE_COOKIE = "keydeck-tz";
