/**
 * What can name a row: ids are cuids and slugs are lowercase words joined by
 * hyphens. Anything else names nothing, and some of it (a NUL character,
 * which a PostgreSQL text value cannot hold) would make the query fail
 * instead of finding nothing.
 */
const ROW_ID = /^[A-Za-z0-9_-]{1,64}$/;

export const isRowId = (value: string): boolean => ROW_ID.test(value);
