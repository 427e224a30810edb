import { z } from "zod";
import { isRowId } from "../row-id";
import { idempotencyKey } from "../idempotency/schemas";

// Shared by the server actions and the forms, so both give the same messages.
export const projectName = z
  .string({ error: "Enter a project name." })
  .trim()
  .min(1, { error: "Enter a project name." })
  .max(64, { error: "Use at most 64 characters." })
  .refine((name) => !/[\u0000-\u001f\u007f]/.test(name), { error: "Remove control characters from the name." });

export const projectId = z
  .string({ error: "A project is required." })
  .min(1)
  .max(64)
  .refine(isRowId, { error: "That is not a project id." });

export const createProjectInput = z.object({ name: projectName, idempotencyKey }).strict();
export const renameProjectInput = z.object({ projectId, name: projectName }).strict();
export const deleteProjectInput = z
  .object({ projectId, confirmName: z.string({ error: "Type the project's name or its slug to confirm." }).max(200) })
  .strict();

/**
 * Whether what was typed confirms deleting the project: its exact name, or
 * its slug, which is plain ASCII and printed on the page (a name can hold an
 * em dash or letters that are hard to type).
 */
export function confirmsDeletion(typed: string, project: { name: string; slug: string }): boolean {
  const text = typed.trim();
  return text === project.name || text === project.slug;
}
