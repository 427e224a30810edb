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

/** Where a member found the key: optional, an http(s) address. */
export const leakUrl = z
  .string()
  .trim()
  .max(2048, { error: "Use at most 2048 characters." })
  // Visible characters only: no spaces, and no control characters (PostgreSQL's text refuses NUL).
  .refine((value) => value === "" || /^https?:\/\/[\x21-\x7e\u00a0-\uffff]+$/i.test(value), { error: "Enter an address starting with https:// (or leave it empty)." });

// `url` is required (empty: not given), so that a call missing a field is refused like any malformed one.
export const reportKeyLeakedInput = z.object({ projectId, keyId, url: leakUrl }).strict();

export const revealLeakReplacementInput = z.object({ projectId, replacementId: z.string().refine(isRowId, { error: "That is not a replacement's id." }) }).strict();
