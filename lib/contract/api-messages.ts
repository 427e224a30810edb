import { MAX_COST, MAX_ENDPOINT_LENGTH } from "./verify-limits";
import { SANDBOX_KEYS_PER_IP } from "../plans/plans";

/** Secret-scanning requests (issue 19): tokens per request, and the raw body's limit. */
export const MAX_LEAK_TOKENS_PER_REQUEST = 1000;
export const SECRET_SCANNING_BODY_LIMIT_KIB = 1024;

// The sentences the /api/v1 service writes in place of an error code's usual
// message (lib/errors.ts). The service sends them and the OpenAPI document
// shows them as its examples, so the docs quote what callers really receive.
export const API_MESSAGES = {
  notJson: "The body is not valid JSON.",
  notAnObject: "The body must be a JSON object.",
  cost: `cost must be a whole number from 0 to ${MAX_COST}.`,
  endpoint: `endpoint must be a string of at most ${MAX_ENDPOINT_LENGTH} characters.`,
  projectId: "project_id must be a non-empty string.",
  environment: 'environment must be "live", "test" or "sandbox".',
  clientIp: "client_ip must be an IPv4 address (four decimal parts) or an IPv6 address, without a prefix or zone.",
  permissionsType: "permissions must be a string: permission names joined by AND and OR, with parentheses.",
  clientIpRequired: "This key has an IP allowlist: send client_ip, the address your API saw the request come from.",
  ipNotAllowed: "This key may not be used from the client_ip given: it is outside the key's IP allowlist.",
  creditsSpent: "This key's credits are spent, and they do not refill: ask the project's admins for more.",
  foreignProject: "This key's project does not own that resource.",
  unknownKeysFromClient:
    "Too many unknown keys from this client address: keys that are not already known to the service are refused until Retry-After has passed.",
  unknownClientAddress: "The client's address is unknown.",
  sandboxCap: `This address has minted its ${SANDBOX_KEYS_PER_IP} sandbox keys for the last 24 hours.`,
  leakPayloadNotJson: "The body must be a JSON array of {token, type, url, source}.",
  leakPayloadShape: "The body must be a non-empty JSON array of {token, type, url, source} (strings).",
  leakPayloadTooMany: `At most ${MAX_LEAK_TOKENS_PER_REQUEST} tokens per request.`,
  secretScanningTooLarge: `The request body is larger than ${SECRET_SCANNING_BODY_LIMIT_KIB} KiB.`,
} as const;

/** 403 wrong_environment: which environment the key is of, and which the request asked for. */
export const wrongEnvironmentMessage = (key: string, wanted: string) => `This is a ${key} key, and the request requires a ${wanted} key.`;

/** 403 insufficient_permissions: the names the key lacks (also sent as `missing_permissions`). */
export const missingPermissionsMessage = (missing: readonly string[]) => `This key lacks the permissions the request requires: ${missing.join(", ")}.`;

/** 429 quota_exceeded for a key whose credits refill. */
export const creditsRefillMessage = (amount: number, interval: string, at: number) =>
  `This key's credits are spent; they refill (${amount} units, ${interval}) at ${new Date(at).toISOString()}.`;
