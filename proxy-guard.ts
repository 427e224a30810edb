import { jsonError } from "./lib/http/json-error";

/** No action's input comes near this; the same limit as the /api/v1 service. */
export const ACTION_BODY_LIMIT_BYTES = 64 * 1024;
const MAX_DEPTH = 32;

// Strings that React's encodeReply uses for values JSON cannot hold and that
// decode without looking anything up. Every other "$…" string is a reference
// to another part of a multipart reply (or a server reference), which a
// plain-text body cannot have, and makes decodeReply throw.
const PLAIN_SPECIALS = new Set(["$undefined", "$NaN", "$Infinity", "$-Infinity", "$-0"]);

/**
 * Why a server action's plain-text body would make Next.js fail before the
 * action runs, or null when it decodes. Next answers a body it cannot decode
 * (not JSON, not an array of arguments, dangling "$" references, over its
 * size limit) with an internal error; refusing those first keeps every answer
 * 4xx. The client's encodeReply sends plain objects as exactly this JSON.
 */
export function actionBodyProblem(text: string): "payload_too_large" | "invalid_request" | null {
  if (Buffer.byteLength(text, "utf8") > ACTION_BODY_LIMIT_BYTES) return "payload_too_large";
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return "invalid_request";
  }
  return Array.isArray(value) && decodable(value, 0) ? null : "invalid_request";
}

function decodable(value: unknown, depth: number): boolean {
  if (depth > MAX_DEPTH) return false;
  if (typeof value === "string") return !value.startsWith("$") || value.startsWith("$$") || PLAIN_SPECIALS.has(value);
  if (Array.isArray(value)) return value.every((item) => decodable(item, depth + 1));
  if (value !== null && typeof value === "object") {
    return Object.values(value).every((item) => decodable(item, depth + 1));
  }
  return true;
}

/**
 * For proxy.ts: a 400/413 error response for a server-action POST whose body
 * cannot be an action's arguments, or null to let it through. Multipart
 * bodies (FormData arguments, progressive-enhancement forms) are React's to
 * parse; none of Keydeck's actions takes one.
 */
export async function refuseUndecodableAction(request: Request): Promise<Response | null> {
  if (request.method !== "POST" || !request.headers.has("next-action")) return null;
  if (request.headers.get("content-type")?.startsWith("multipart/form-data")) return null;
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > ACTION_BODY_LIMIT_BYTES) return jsonError("payload_too_large", "The request body is larger than 64 KiB.");
  const problem = actionBodyProblem(await request.text());
  return problem ? jsonError(problem) : null;
}
