import { getSessionUser, type SessionUser } from "../auth/session";
import { refuseCrossSiteWrite } from "../auth/same-origin";
import { AppError } from "../errors";
import { jsonError } from "./json-error";

/**
 * The spine of a cookie-authenticated JSON route handler: a write from
 * another site is refused (403), then a session, then the handler; AppErrors
 * become the one error body, anything else a bare 500.
 */
export async function sessionJson(request: Request, handler: (user: SessionUser) => Promise<unknown>): Promise<Response> {
  return sessionResponse(request, async (user) => Response.json(await handler(user), { headers: { "Cache-Control": "no-store" } }));
}

/** The same spine for a handler that answers with something other than JSON (a CSV file); errors are still the JSON error body. */
export async function sessionResponse(request: Request, handler: (user: SessionUser) => Promise<Response>): Promise<Response> {
  const refused = refuseCrossSiteWrite(request);
  if (refused) return refused;
  const user = await getSessionUser();
  if (!user) return jsonError("unauthenticated");
  try {
    return await handler(user);
  } catch (error) {
    if (error instanceof AppError) return jsonError(error.code, error.message);
    console.error("route handler failed", error);
    return jsonError("internal");
  }
}
