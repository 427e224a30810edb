import { headers } from "next/headers";
import { z } from "zod";
import { AppError, ERROR_CODES, type ErrorCode } from "../errors";
import { getSessionUser, type SessionUser } from "../auth/session";
import { CROSS_SITE_MESSAGE, isSameOrigin } from "../auth/same-origin";
import { requestClientIp } from "../request-context";

export type FieldErrors = Record<string, string[]>;

/** What every server action returns: data, field errors, or a coded error. */
export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; validationErrors: FieldErrors; serverError?: undefined }
  | { ok: false; serverError: { code: ErrorCode; message: string }; validationErrors?: undefined };

export type ActionContext = { user: SessionUser; ip: string | null };

/**
 * The one wrapper for server actions. Server actions are public HTTP
 * endpoints, so each one checks for itself: that the request came from the
 * dashboard's own pages (Next.js refuses a foreign Origin but lets a missing
 * one through), a session, then the input against its schema, then the
 * handler (which checks project membership in `lib/`).
 */
export function authedAction<S extends z.ZodType, T>(
  schema: S,
  handler: (input: z.output<S>, ctx: ActionContext) => Promise<T>,
) {
  return async (input: z.input<S>): Promise<ActionResult<T>> => {
    if (!isSameOrigin((await headers()).get("origin"))) return failure("forbidden", CROSS_SITE_MESSAGE);
    const user = await getSessionUser();
    if (!user) return failure("unauthenticated");
    const parsed = schema.safeParse(input);
    if (!parsed.success) return { ok: false, validationErrors: fieldErrors(parsed.error) };
    try {
      return { ok: true, data: await handler(parsed.data, { user, ip: await requestClientIp() }) };
    } catch (error) {
      if (error instanceof AppError) return failure(error.code, error.message);
      // Unexpected: log it on the server, tell the user only that it failed.
      console.error("server action failed", error);
      return failure("internal");
    }
  };
}

function failure(code: ErrorCode, message: string = ERROR_CODES[code].message) {
  return { ok: false as const, serverError: { code, message } };
}

function fieldErrors(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join(".") : "form";
    (errors[key] ??= []).push(issue.message);
  }
  return errors;
}
