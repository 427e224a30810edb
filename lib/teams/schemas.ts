import { z } from "zod";
import { projectId } from "../projects/schemas";
import { ROLES } from "../projects/roles";
import { isRowId } from "../row-id";
import { idempotencyKey } from "../idempotency/schemas";

// Shared by the server actions and the forms, so both give the same messages.

const rowId = (what: string) =>
  z.string({ error: `${what} is required.` }).min(1).max(64).refine(isRowId, { error: `That is not a valid ${what.toLowerCase()} id.` });

export const role = z.enum(ROLES, { error: "Choose a role: owner, admin, developer or viewer." });

export const inviteEmail = z
  .string({ error: "Enter an email address." })
  .trim()
  .min(1, { error: "Enter an email address." })
  .max(254, { error: "An email address has at most 254 characters." })
  .pipe(z.email({ error: "Enter an email address like name@example.com." }))
  .transform((email) => email.toLowerCase());

/** A Keycloak group's full path: /parent/child, as the `groups` claim carries it. */
export const groupPath = z
  .string({ error: "Enter a group path." })
  .trim()
  .min(2, { error: "Enter a group path, like /acme/payments-admins." })
  .max(255, { error: "A group path has at most 255 characters." })
  .refine((path) => path.startsWith("/") && !path.endsWith("/") && !path.includes("//"), {
    error: "Enter the group's full path, starting with / (like /acme/payments-admins).",
  })
  .refine((path) => !/[\u0000-\u001f\u007f]/.test(path), { error: "Remove control characters from the path." });

/** The invitation link's token: 43 base64url characters (32 random bytes). */
export const invitationToken = z
  .string({ error: "The invitation link is incomplete." })
  .regex(/^[A-Za-z0-9_-]{43}$/, { error: "The invitation link is incomplete." });

const memberId = rowId("Member");
const invitationId = rowId("Invitation");
const linkId = rowId("Group link");

export const inviteMemberInput = z.object({ projectId, email: inviteEmail, role, idempotencyKey }).strict();
export const invitationActionInput = z.object({ projectId, invitationId }).strict();
export const respondToInvitationInput = z.object({ token: invitationToken }).strict();
export const changeMemberRoleInput = z.object({ projectId, memberId, role }).strict();
export const removeMemberInput = z.object({ projectId, memberId }).strict();
export const leaveProjectInput = z.object({ projectId }).strict();
export const transferOwnershipInput = z.object({ projectId, memberId }).strict();
export const linkGroupInput = z
  .object({ projectId, groupPath, role: role.refine((r) => r !== "owner", { error: "Groups can grant admin at most: owners are always named people." }) })
  .strict();
export const unlinkGroupInput = z.object({ projectId, linkId }).strict();
