import { z } from "zod";
import { projectId } from "../projects/schemas";
import { isRowId } from "../row-id";
import { MAX_ALLOWLIST_ENTRIES, normaliseCidr } from "./ip-allowlist";
import { isPermissionName, MAX_PROJECT_PERMISSIONS } from "./permission-grants";

// The key policy's inputs (issue 17): what create, rotate and the key's
// detail page send. Each field is optional where it is an override: absent
// means "leave as it is" (update) or "the default" / "copy" (create, rotate).

export const MAX_RATE_LIMIT_RPS = 100_000;
export const MAX_CREDITS = 1_000_000_000;

export const keyId = z.string({ error: "A key is required." }).min(1).max(64).refine(isRowId, { error: "That is not a key id." });

export const permissionName = z
  .string({ error: "Enter a permission name." })
  .trim()
  .min(1, { error: "Enter a permission name." })
  .max(64, { error: "Use at most 64 characters." })
  .refine(isPermissionName, { error: "Use letters, digits, '.', '_', '-' and '*' only (and not AND or OR)." });

/** null: every permission the project defines (the default); else these names and wildcards. */
export const keyPermissions = z
  .array(permissionName, { error: "Choose the key's permissions." })
  .max(MAX_PROJECT_PERMISSIONS, { error: `Choose at most ${MAX_PROJECT_PERMISSIONS} permissions.` })
  .transform((names) => [...new Set(names)].sort())
  .nullable();

/** CIDRs or single addresses, stored canonical and without repeats. */
export const ipAllowlist = z
  .array(z.string().max(64, { error: "That is not an IP address or CIDR range." }), { error: "List IP addresses or CIDR ranges." })
  .max(MAX_ALLOWLIST_ENTRIES, { error: `List at most ${MAX_ALLOWLIST_ENTRIES} addresses or ranges.` })
  .transform((entries, ctx) => {
    const normalised = new Set<string>();
    for (const [index, entry] of entries.entries()) {
      const cidr = normaliseCidr(entry);
      if (cidr === null) ctx.addIssue({ code: "custom", path: [index], message: `"${entry.slice(0, 64)}" is not an IPv4 or IPv6 address or CIDR range.` });
      else normalised.add(cidr);
    }
    return [...normalised];
  });

export const rateLimitRps = z
  .number({ error: "Enter requests per second." })
  .int({ error: "Enter a whole number of requests per second." })
  .min(1, { error: "Allow at least 1 request per second." })
  .max(MAX_RATE_LIMIT_RPS, { error: `At most ${MAX_RATE_LIMIT_RPS} requests per second.` })
  .nullable();

const units = (what: string) =>
  z
    .number({ error: `Enter ${what}.` })
    .int({ error: `Enter a whole number of ${what}.` })
    .min(0, { error: `${what[0]!.toUpperCase()}${what.slice(1)} cannot be negative.` })
    .max(MAX_CREDITS, { error: `At most ${MAX_CREDITS} units.` });

/** null: no credits (only the project's quota applies). */
export const keyCredits = z
  .object({
    remaining: units("remaining units"),
    refill: z
      .object({
        interval: z.enum(["daily", "monthly"], { error: "Choose daily or monthly." }),
        amount: units("units per refill").min(1, { error: "Refill at least 1 unit." }),
      })
      .strict()
      .nullable(),
  })
  .strict()
  .nullable();

export type KeyCreditsInput = NonNullable<z.output<typeof keyCredits>>;

/** The policy fields create, rotate and update take; each optional. */
export const keyPolicyFields = {
  permissions: keyPermissions.optional(),
  ipAllowlist: ipAllowlist.optional(),
  rateLimitRps: rateLimitRps.optional(),
  credits: keyCredits.optional(),
};
export type KeyPolicyInput = { [F in keyof typeof keyPolicyFields]?: z.output<(typeof keyPolicyFields)[F]> };

export const updateKeyPolicyInput = z
  .object({ projectId, keyId, ...keyPolicyFields })
  .strict()
  .refine((input) => Object.keys(keyPolicyFields).some((field) => input[field as keyof typeof keyPolicyFields] !== undefined), {
    error: "Change at least one of permissions, IP allowlist, rate limit or credits.",
  });

export const definePermissionInput = z
  .object({ projectId, name: permissionName, description: z.string().trim().max(200, { error: "Use at most 200 characters." }).default("") })
  .strict();

export const removePermissionInput = z.object({ projectId, permission: permissionName }).strict();
