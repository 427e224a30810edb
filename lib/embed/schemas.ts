import { z } from "zod";
import { projectId } from "../projects/schemas";
import { OVERLAP_CHOICES } from "../keys/schemas";
import { allowedOrigins } from "./origins";
import { MAX_SESSION_SECONDS } from "./session-token";
import { idempotencyKey } from "../idempotency/schemas";

export const setEmbedEnabledInput = z
  .object({ projectId, enabled: z.boolean({ error: "Choose on or off." }), idempotencyKey })
  .strict();

export const updateEmbedOriginsInput = z.object({ projectId, origins: allowedOrigins }).strict();

export const rotateEmbedSecretInput = z
  .object({ projectId, overlap: z.enum(OVERLAP_CHOICES, { error: "Choose how long the old secret keeps working." }) })
  .strict();

export const revokeEmbedSecretsInput = z.object({ projectId }).strict();

export const EMBED_TTL = { min: 60, max: MAX_SESSION_SECONDS, default: 900 } as const;
/** Also the OpenAPI document's example of a 400 from POST /api/v1/embed/sessions. */
export const TTL_TOO_LONG = `ttl_seconds must be at most ${EMBED_TTL.max}.`;

/** The body of POST /api/v1/embed/sessions. */
export const embedSessionRequest = z.strictObject(
  {
    external_user_id: z
      .string({ error: "external_user_id must be a string." })
      .min(1, { error: "external_user_id must not be empty." })
      .max(200, { error: "external_user_id must be at most 200 characters." })
      .optional(),
    ttl_seconds: z
      .number({ error: "ttl_seconds must be a whole number of seconds." })
      .int({ error: "ttl_seconds must be a whole number of seconds." })
      .min(EMBED_TTL.min, { error: `ttl_seconds must be at least ${EMBED_TTL.min}.` })
      .max(EMBED_TTL.max, { error: TTL_TOO_LONG })
      .default(EMBED_TTL.default),
  },
  {
    error: (issue) =>
      issue.code === "unrecognized_keys" ? `Unknown field${issue.keys.length === 1 ? "" : "s"}: ${issue.keys.join(", ")}.` : "The body must be a JSON object.",
  },
);

export type EmbedSessionRequest = z.output<typeof embedSessionRequest>;

/** The request body as options, or a sentence saying what is wrong with it. */
export function parseEmbedSessionRequest(body: unknown): EmbedSessionRequest | string {
  const result = embedSessionRequest.safeParse(body ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  return issue.code === "invalid_type" && issue.path.length === 0 ? "The body must be a JSON object." : issue.message;
}
