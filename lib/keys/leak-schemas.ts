import { z } from "zod";
import { projectId } from "../projects/schemas";
import { keyId } from "./policy-schemas";
import { isRowId } from "../row-id";

export const LEAK_POLICIES = ["notify", "revoke", "replace"] as const;
export type LeakPolicyChoice = (typeof LEAK_POLICIES)[number];

export const LEAK_POLICY_LABELS: Record<LeakPolicyChoice, { label: string; summary: string }> = {
  notify: { label: "Notify only", summary: "Record the leak and tell the team; the key keeps working." },
  revoke: { label: "Revoke at once", summary: "Revoke the key on every API instance before the report is answered." },
  replace: {
    label: "Revoke and issue a replacement",
    summary: "Revoke it, and create a key with the same name and policy; the next owner or admin who opens the project sees its secret once.",
  },
};

export const setLeakPolicyInput = z.object({ projectId, policy: z.enum(LEAK_POLICIES, { error: "Choose what a leaked key does." }) }).strict();

/**
 * Where a member found the key: an address, or a few words ("our #ops Slack channel"). Required, so
 * the record says something, and visible characters only (PostgreSQL's text refuses NUL).
 */
export const leakPlace = z
  .string({ error: "Say where it was found: an address or a few words." })
  .trim()
  .min(1, { error: "Say where it was found: an address or a few words." })
  .max(200, { error: "Use at most 200 characters." })
  .refine((value) => !/[\u0000-\u001f\u007f]/.test(value), { error: "Remove control characters." });

export const reportKeyLeakedInput = z.object({ projectId, keyId, url: leakPlace }).strict();

export const revealLeakReplacementInput = z.object({ projectId, replacementId: z.string().refine(isRowId, { error: "That is not a replacement's id." }) }).strict();
