// One error type with a closed set of codes. Each code maps to an HTTP status
// and to the sentence a person sees; raw exception messages never leave the server.

export const ERROR_CODES = {
  unauthenticated: { status: 401, message: "Sign in to continue." },
  not_found: { status: 404, message: "Not found, or you do not have access to it." },
  forbidden: { status: 403, message: "Your role in this project does not allow that." },
  invalid_request: { status: 400, message: "The request is not valid." },
  conflict: { status: 409, message: "That conflicts with the current state; reload and try again." },
  limit_reached: { status: 409, message: "A limit has been reached." },
  // A repeat of a create request whose one-time secret the user has confirmed copying (lib/idempotency).
  already_created: { status: 409, message: "This was already created, and its one-time secret is not shown again." },
  internal: { status: 500, message: "Something went wrong on our side. Please try again." },
  // The /api/v1 verification service (server/).
  missing_authorization: { status: 401, message: "Send the API key in an Authorization: Bearer <key> header." },
  invalid_credentials: { status: 401, message: "The API key is not valid." },
  // Key policy (issue 17): the key exists and is valid, but this request is outside what it may do.
  wrong_environment: { status: 403, message: "This key belongs to another environment than the one the request requires." },
  ip_not_allowed: { status: 403, message: "This key may not be used from this client address." },
  insufficient_permissions: { status: 403, message: "This key lacks the permissions this request requires." },
  quota_exceeded: { status: 429, message: "This project has used all its units for the current period." },
  rate_limited: { status: 429, message: "Too many requests. Retry after the number of seconds in Retry-After." },
  payload_too_large: { status: 413, message: "The request body is larger than 64 KiB." },
  // Secret-scanning reports (issue 19): unsigned, wrongly signed, or a body already handled.
  invalid_signature: { status: 401, message: "The request's signature is missing, stale, or does not verify." },
  replayed: { status: 409, message: "This signed request was already handled; a replay changes nothing and is refused." },
  service_unavailable: { status: 503, message: "Key verification is briefly unavailable. Retry after the number of seconds in Retry-After." },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** The one JSON error body, as the /api/v1 service writes it and as its OpenAPI examples show it. */
export function errorBody(code: ErrorCode, message: string = ERROR_CODES[code].message) {
  return { error: { code, message } };
}

export class AppError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message?: string) {
    super(message ?? ERROR_CODES[code].message);
    this.name = "AppError";
    this.code = code;
  }
  get status(): number {
    return ERROR_CODES[this.code].status;
  }
}
