import { ERROR_CODES, type ErrorCode } from "../errors";

/** The one error body of every JSON endpoint: {"error": {"code", "message"}}. */
export function jsonError(code: ErrorCode, message: string = ERROR_CODES[code].message, init?: ResponseInit) {
  return Response.json(
    { error: { code, message } },
    { ...init, status: init?.status ?? ERROR_CODES[code].status, headers: { "Cache-Control": "no-store", ...init?.headers } },
  );
}
