import { z } from "zod";

/** How long a create request's first answer is kept for a repeat of it. */
export const REPEAT_WINDOW_MS = 10 * 60 * 1000;

/**
 * The id a form gives its create request (a UUID made when the form opens,
 * kept until it succeeds or closes): a repeat with the same id is the same
 * request, answered once (lib/idempotency/repeatable.ts).
 */
export const idempotencyKey = z.uuid({ error: "This form's request id is missing or not valid. Reload the page and try again." });

export const confirmRevealInput = z.object({ idempotencyKey }).strict();
