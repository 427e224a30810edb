import "server-only";
import { ERROR_CODES, errorBody, type ErrorCode } from "../../lib/errors";
import type { VerifyResult } from "./types";

/** An HTTP answer any server can write as is: the Fastify service, the plain node:http server, a Next route. */
export type ApiResponse = { status: number; headers: Record<string, string>; body: string };

const JSON_HEADERS = { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" } as const;

const WWW_AUTHENTICATE: Partial<Record<ErrorCode, string>> = {
  missing_authorization: "Bearer",
  invalid_credentials: 'Bearer error="invalid_token"',
};

/** The one error body: {"error": {"code", "message"}}, with the headers its status calls for. */
export function errorResponse(code: ErrorCode, message?: string, retryAfterSeconds?: number, details?: ErrorDetails): ApiResponse {
  const headers: Record<string, string> = { ...JSON_HEADERS };
  const challenge = WWW_AUTHENTICATE[code];
  if (challenge) headers["www-authenticate"] = challenge;
  if (retryAfterSeconds !== undefined) headers["retry-after"] = String(retryAfterSeconds);
  const body = errorBody(code, message);
  return { status: ERROR_CODES[code].status, headers, body: JSON.stringify(details ? { error: { ...body.error, ...details } } : body) };
}

/** Fields some refusals add beside code and message (insufficient_permissions: what the key lacks). */
export type ErrorDetails = { missing_permissions?: string[] };

/** A JSON body with the service's usual headers. */
export function jsonResponse(status: number, value: unknown): ApiResponse {
  return { status, headers: { ...JSON_HEADERS }, body: JSON.stringify(value) };
}

// The same refusals are answered thousands of times a second: built once.
const fixed = new Map<string, ApiResponse>();

function fixedError(code: ErrorCode): ApiResponse {
  let response = fixed.get(code);
  if (!response) fixed.set(code, (response = errorResponse(code)));
  return response;
}

let lastPeriodEnd = 0;
let lastPeriodEndIso = "";

function isoOf(ms: number): string {
  if (ms !== lastPeriodEnd) {
    lastPeriodEnd = ms;
    lastPeriodEndIso = new Date(ms).toISOString();
  }
  return lastPeriodEndIso;
}

export function verifyResponse(result: VerifyResult): ApiResponse {
  if (!result.valid) {
    if (result.message === undefined && result.retryAfterSeconds === undefined) return fixedError(result.code);
    const details = result.missingPermissions ? { missing_permissions: result.missingPermissions } : undefined;
    return errorResponse(result.code, result.message, result.retryAfterSeconds, details);
  }
  const { quota, credits } = result;
  return {
    status: 200,
    headers: JSON_HEADERS,
    body: JSON.stringify({
      valid: true,
      project_id: result.projectId,
      key_id: result.keyId,
      environment: result.environment,
      quota: { limit: quota.limit, used: quota.used, remaining: quota.remaining, period_end: isoOf(quota.periodEnd) },
      embed_enabled: result.embedEnabled,
      permissions: result.permissions,
      ...(credits && {
        credits: { limit: credits.limit, remaining: credits.remaining, refills_at: credits.refillsAt === null ? null : new Date(credits.refillsAt).toISOString() },
      }),
    }),
  };
}
