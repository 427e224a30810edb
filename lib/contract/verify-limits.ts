/** Bounds of the verify request body: part of the public contract, enforced by the service. */
export const MAX_COST = 10_000;
export const MAX_ENDPOINT_LENGTH = 200;
