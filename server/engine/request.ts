import "server-only";
import { MAX_COST, MAX_ENDPOINT_LENGTH } from "../../lib/contract/verify-limits";
import { API_MESSAGES } from "../../lib/contract/api-messages";
import { AddressCache } from "../../lib/keys/ip-allowlist";
import { PermissionQueryCache } from "../../lib/keys/permission-query";
import type { KeyEnvironment } from "../../lib/keys/format";
import type { VerifyOptions } from "./types";

const MAX_PROJECT_ID_LENGTH = 200;
const DEFAULT_OPTIONS: VerifyOptions = { cost: 1, endpoint: null, projectId: null, environment: null, clientIp: null, permissions: null };
const ENVIRONMENTS: ReadonlySet<unknown> = new Set<KeyEnvironment>(["live", "test", "sandbox"]);
// Callers send the same few queries on every request: each text is parsed once.
const queries = new PermissionQueryCache(1000);
const addresses = new AddressCache(10_000);

/**
 * The key from an Authorization header: `Bearer <key>` (scheme case-insensitive,
 * RFC 7235). undefined when there is no such header.
 */
export function bearerToken(header: string | undefined): string | undefined {
  if (header === undefined || header.length < 8) return undefined;
  const scheme = header.slice(0, 7);
  if (scheme !== "Bearer " && scheme.toLowerCase() !== "bearer ") return undefined;
  const token = header.slice(7).trim();
  return token === "" ? undefined : token;
}

/**
 * The optional verify body, already parsed from JSON (undefined or null when
 * there was none): the options, or the sentence saying what is wrong.
 * Validated by hand rather than by a schema library: every caller (Fastify,
 * the plain server, the Next route) shares it, and on the hot path it should
 * cost nanoseconds and allocate nothing but the result.
 */
export function parseVerifyOptions(body: unknown): VerifyOptions | string {
  if (body === undefined || body === null) return DEFAULT_OPTIONS;
  if (typeof body !== "object" || Array.isArray(body)) return API_MESSAGES.notAnObject;
  const fields = body as Record<string, unknown>;
  const cost = fields.cost ?? 1;
  const endpoint = fields.endpoint ?? null;
  const projectId = fields.project_id ?? null;
  if (typeof cost !== "number" || !Number.isInteger(cost) || cost < 0 || cost > MAX_COST) {
    return API_MESSAGES.cost;
  }
  if (endpoint !== null && (typeof endpoint !== "string" || endpoint.length > MAX_ENDPOINT_LENGTH)) {
    return API_MESSAGES.endpoint;
  }
  if (projectId !== null && (typeof projectId !== "string" || projectId.length === 0 || projectId.length > MAX_PROJECT_ID_LENGTH)) {
    return API_MESSAGES.projectId;
  }
  const environment = fields.environment ?? null;
  if (environment !== null && !ENVIRONMENTS.has(environment)) return API_MESSAGES.environment;
  const clientIpText = fields.client_ip ?? null;
  let clientIp: VerifyOptions["clientIp"] = null;
  if (clientIpText !== null) {
    if (typeof clientIpText !== "string" || (clientIp = addresses.parse(clientIpText)) === null) return API_MESSAGES.clientIp;
  }
  const permissionsText = fields.permissions ?? null;
  let permissions: VerifyOptions["permissions"] = null;
  if (permissionsText !== null) {
    if (typeof permissionsText !== "string") return API_MESSAGES.permissionsType;
    const parsed = queries.parse(permissionsText);
    if (!parsed.ok) return parsed.message;
    permissions = parsed.query;
  }
  return { cost, endpoint, projectId, environment: environment as KeyEnvironment | null, clientIp, permissions };
}
