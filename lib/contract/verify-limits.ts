/** Bounds of the verify request body: part of the public contract, enforced by the service. */
export const MAX_COST = 10_000;
export const MAX_ENDPOINT_LENGTH = 200;
/** `permissions` in the verify body: a query of at most this many characters (lib/keys/permission-query.ts has its other bounds). */
export { MAX_QUERY_LENGTH as MAX_PERMISSIONS_QUERY_LENGTH, MAX_QUERY_TERMS, MAX_QUERY_DEPTH } from "../keys/permission-query";
