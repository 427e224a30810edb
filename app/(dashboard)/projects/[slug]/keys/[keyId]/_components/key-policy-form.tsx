"use client";

import { useId } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import { PolicyFields } from "@/components/keys/policy-fields";
import { KeyCreditsText } from "@/components/keys/key-credits";
import { ActionError } from "@/lib/client/action-mutation";
import { useUpdateKeyPolicy } from "@/lib/client/use-key-policy";
import { usePolicyForm } from "@/lib/client/use-policy-form";
import { policyForm } from "@/lib/keys/policy-form";
import type { KeyPolicySummary } from "@/lib/keys/policy";

/** The key's permissions, allowlist, rate limit and credits, saved together and in force on every API instance before "saved". */
export function KeyPolicyForm({
  projectId,
  keyId,
  hint,
  policy,
  projectPermissions,
}: {
  projectId: string;
  keyId: string;
  hint: string;
  policy: KeyPolicySummary;
  projectPermissions: string[];
}) {
  const editing = usePolicyForm(policyForm(policy));
  const update = useUpdateKeyPolicy(projectId, keyId, hint);
  const id = useId();
  const serverError = update.error instanceof ActionError ? update.error : null;

  return (
    <form
      noValidate
      aria-labelledby={`${id}-heading`}
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        editing.submit((input, options) => update.mutate(input, options));
      }}
    >
      <h3 id={`${id}-heading`} className="text-base font-semibold">
        Policy
      </h3>

      <PolicyFields {...editing.fields} projectPermissions={projectPermissions} />

      <FormError message={serverError && !serverError.validationErrors ? serverError.message : null} />
      <div className="flex items-center gap-3">
        <Button type="submit" pending={update.isPending}>
          {update.isPending ? "Saving on every API instance…" : "Save policy"}
        </Button>
      </div>
    </form>
  );
}

/** The policy as text, for a reader whose role cannot change this key. */
export function KeyPolicySummaryList({ policy }: { policy: KeyPolicySummary }) {
  const credits = policy.credits;
  return (
    <section aria-labelledby="policy-heading" className="space-y-2">
      <h3 id="policy-heading" className="text-base font-semibold">
        Policy
      </h3>
      <dl className="grid gap-2 text-sm sm:grid-cols-[12rem_1fr]">
        <dt className="text-zinc-500 dark:text-zinc-400">Permissions</dt>
        <dd className="font-mono">{policy.permissions === null ? "Every permission of the project" : policy.permissions.join(", ") || "None"}</dd>
        <dt className="text-zinc-500 dark:text-zinc-400">IP allowlist</dt>
        <dd className="font-mono">{policy.ipAllowlist.length ? policy.ipAllowlist.join(", ") : "Any address"}</dd>
        <dt className="text-zinc-500 dark:text-zinc-400">Rate limit</dt>
        <dd>{policy.rateLimitRps === null ? "The plan's per-key rate" : `${policy.rateLimitRps} requests per second`}</dd>
        <dt className="text-zinc-500 dark:text-zinc-400">Credits</dt>
        <dd>{credits === null ? "No cap" : <KeyCreditsText balance={credits} />}</dd>
      </dl>
    </section>
  );
}
