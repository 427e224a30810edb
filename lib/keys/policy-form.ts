import { ipAllowlist, keyCredits, keyPermissions, rateLimitRps, type KeyCreditsInput, type KeyPolicyInput } from "./policy-schemas";
import type { KeyPolicySummary } from "./policy";

// The key page's policy form, as the person types it (strings, one address
// per line), to and from the action's input. Checked here with the action's
// own field schemas so mistakes show inline before a round trip; the server
// checks again.

export type PolicyForm = {
  allPermissions: boolean;
  permissions: string[];
  ipAllowlist: string;
  rateLimitRps: string;
  creditsEnabled: boolean;
  creditsRemaining: string;
  refill: "none" | "daily" | "monthly";
  refillAmount: string;
};

export type PolicyFormErrors = Partial<Record<"permissions" | "ipAllowlist" | "rateLimitRps" | "creditsRemaining" | "refillAmount", string[]>>;

/** The form as a key's policy fills it: its credits as what is left now, with the same refill. */
export function policyForm(policy: Pick<KeyPolicySummary, "permissions" | "ipAllowlist" | "rateLimitRps"> & { credits: KeyCreditsInput | null }): PolicyForm {
  return {
    allPermissions: policy.permissions === null,
    permissions: policy.permissions ?? [],
    ipAllowlist: policy.ipAllowlist.join("\n"),
    rateLimitRps: policy.rateLimitRps === null ? "" : String(policy.rateLimitRps),
    creditsEnabled: policy.credits !== null,
    creditsRemaining: policy.credits ? String(policy.credits.remaining) : "",
    refill: policy.credits?.refill?.interval ?? "none",
    refillAmount: policy.credits?.refill ? String(policy.credits.refill.amount) : "",
  };
}

/** "" → null; a whole number → that number; anything else → the message. */
function wholeNumber(text: string, what: string): number | null | string {
  const trimmed = text.trim().replaceAll(",", "").replaceAll("_", "");
  if (trimmed === "") return null;
  if (!/^\d+$/.test(trimmed)) return `Enter ${what} as a whole number.`;
  return Number(trimmed);
}

const messages = (error: { issues: ReadonlyArray<{ message: string }> }) => error.issues.map((issue) => issue.message);

/** The update action's policy fields, or the errors to show beside each field. */
export function policyInput(form: PolicyForm): { ok: true; input: Required<KeyPolicyInput> } | { ok: false; errors: PolicyFormErrors } {
  const errors: PolicyFormErrors = {};

  const permissions = keyPermissions.safeParse(form.allPermissions ? null : form.permissions);
  if (!permissions.success) errors.permissions = messages(permissions.error);
  else if (permissions.data !== null && permissions.data.length === 0) errors.permissions = ["Choose at least one permission, or give the key every permission."];

  const lines = form.ipAllowlist.split(/\r?\n/).map((line) => line.trim()).filter(Boolean);
  const allowlist = ipAllowlist.safeParse(lines);
  if (!allowlist.success) errors.ipAllowlist = messages(allowlist.error);

  const rps = wholeNumber(form.rateLimitRps, "requests per second");
  const rate = typeof rps === "string" ? null : rateLimitRps.safeParse(rps);
  if (typeof rps === "string") errors.rateLimitRps = [rps];
  else if (rate && !rate.success) errors.rateLimitRps = messages(rate.error);

  let credits: ReturnType<typeof keyCredits.safeParse> | null = null;
  if (form.creditsEnabled) {
    const remaining = wholeNumber(form.creditsRemaining, "the units left");
    const amount = form.refill === "none" ? null : wholeNumber(form.refillAmount, "the units per refill");
    if (typeof remaining === "string") errors.creditsRemaining = [remaining];
    else if (remaining === null) errors.creditsRemaining = ["Enter how many units the key may still use."];
    if (typeof amount === "string") errors.refillAmount = [amount];
    else if (form.refill !== "none" && amount === null) errors.refillAmount = ["Enter how many units each refill gives."];
    if (typeof remaining === "number" && (form.refill === "none" || typeof amount === "number")) {
      credits = keyCredits.safeParse({ remaining, refill: form.refill === "none" ? null : { interval: form.refill, amount } });
      if (!credits.success) {
        for (const issue of credits.error.issues) {
          const field = issue.path[0] === "refill" ? "refillAmount" : "creditsRemaining";
          (errors[field] ??= []).push(issue.message);
        }
      }
    }
  }

  if (Object.keys(errors).length > 0 || !permissions.success || !allowlist.success || (rate && !rate.success)) return { ok: false, errors };
  return {
    ok: true,
    input: {
      permissions: permissions.data,
      ipAllowlist: allowlist.data,
      rateLimitRps: rate ? (rate.success ? rate.data : null) : null,
      credits: credits?.success ? credits.data : null,
    },
  };
}

const CREDIT_FIELDS = ["creditsEnabled", "creditsRemaining", "refill", "refillAmount"] as const;

/**
 * The input to send for a form that started as `initial`: credits only when
 * their fields changed. Sent unchanged, they would start a new balance with
 * what the page loaded as left, giving back whatever the key spent since
 * (and a save of its allowlist would silently top up its credits).
 */
export function changedPolicyInput(initial: PolicyForm, form: PolicyForm, input: Required<KeyPolicyInput>): KeyPolicyInput {
  if (CREDIT_FIELDS.some((field) => initial[field] !== form[field])) return input;
  return { permissions: input.permissions, ipAllowlist: input.ipAllowlist, rateLimitRps: input.rateLimitRps };
}

/** Server field errors ("ipAllowlist.2", "credits.refill.amount") on the form's fields. */
export function formErrorsFromServer(validationErrors: Record<string, string[]> | undefined): PolicyFormErrors {
  const errors: PolicyFormErrors = {};
  for (const [path, list] of Object.entries(validationErrors ?? {})) {
    const field = path.startsWith("credits.refill") ? "refillAmount" : path.startsWith("credits") ? "creditsRemaining" : (path.split(".")[0] as keyof PolicyFormErrors);
    if (["permissions", "ipAllowlist", "rateLimitRps", "creditsRemaining", "refillAmount"].includes(field)) (errors[field] ??= []).push(...list);
  }
  return errors;
}
