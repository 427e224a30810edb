import "server-only";
import { z } from "zod";
import type { LeakReport } from "../../../lib/keys/leaks";

/** Tokens in one request; GitHub batches matches, and 1 000 are handled in well under the 1 s it allows for 100. */
export const MAX_TOKENS_PER_REQUEST = 1000;
/** A request's raw body: 1 000 tokens with long URLs fit. */
export const SECRET_SCANNING_BODY_LIMIT_BYTES = 1024 * 1024;

// GitHub's partner payload: [{token, type, url, source}]. `url` may be empty
// and `source` absent in older deliveries; unknown fields are ignored.
const report = z.object({
  token: z.string().max(512),
  type: z.string().max(200),
  url: z.string().max(2048).optional().default(""),
  source: z.string().max(100).optional().default(""),
});
const payload = z.array(report).min(1).max(MAX_TOKENS_PER_REQUEST);

/** The reports of a verified body, or the sentence that says what is wrong with it. */
export function parseLeakPayload(body: Buffer): LeakReport[] | string {
  let value: unknown;
  try {
    value = JSON.parse(body.toString("utf8"));
  } catch {
    return "The body must be a JSON array of {token, type, url, source}.";
  }
  const parsed = payload.safeParse(value);
  if (parsed.success) return parsed.data;
  if (Array.isArray(value) && value.length > MAX_TOKENS_PER_REQUEST) return `At most ${MAX_TOKENS_PER_REQUEST} tokens per request.`;
  return "The body must be a non-empty JSON array of {token, type, url, source} (strings).";
}
