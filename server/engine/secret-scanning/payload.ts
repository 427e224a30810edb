import "server-only";
import { z } from "zod";
import type { LeakReport } from "../../../lib/keys/leaks";
import { API_MESSAGES, MAX_LEAK_TOKENS_PER_REQUEST as MAX_TOKENS_PER_REQUEST, SECRET_SCANNING_BODY_LIMIT_KIB } from "../../../lib/contract/api-messages";

/** A request's raw body: GitHub batches its matches; 1 000 tokens with long URLs fit. */
export const SECRET_SCANNING_BODY_LIMIT_BYTES = SECRET_SCANNING_BODY_LIMIT_KIB * 1024;

// GitHub's partner payload: [{token, type, url, source}]. `url` may be empty
// and `source` absent in older deliveries; unknown fields are ignored.
// What is stored (url, source) or echoed (type) loses control characters: PostgreSQL's text refuses NUL,
// and one odd byte must not make GitHub's whole batch fail.
const printable = (max: number) => z.string().max(max).transform((value) => value.replace(/[\u0000-\u001f\u007f]/g, ""));
const report = z.object({
  token: z.string().max(512),
  type: printable(200),
  url: printable(2048).optional().default(""),
  source: printable(100).optional().default(""),
});
const payload = z.array(report).min(1).max(MAX_TOKENS_PER_REQUEST);

/** The reports of a verified body, or the sentence that says what is wrong with it. */
export function parseLeakPayload(body: Buffer): LeakReport[] | string {
  let value: unknown;
  try {
    value = JSON.parse(body.toString("utf8"));
  } catch {
    return API_MESSAGES.leakPayloadNotJson;
  }
  const parsed = payload.safeParse(value);
  if (parsed.success) return parsed.data;
  if (Array.isArray(value) && value.length > MAX_TOKENS_PER_REQUEST) return API_MESSAGES.leakPayloadTooMany;
  return API_MESSAGES.leakPayloadShape;
}
