"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import { LEAK_POLICIES, LEAK_POLICY_LABELS, type LeakPolicyChoice } from "@/lib/keys/leak-schemas";
import { useSetLeakPolicy } from "@/lib/client/use-set-leak-policy";

/** What a leaked key does: GitHub's secret scanning, the operator's scanners and "Report leaked" all follow it. */
export function LeakPolicySection({ projectId, policy, canWrite }: { projectId: string; policy: LeakPolicyChoice; canWrite: boolean }) {
  const [chosen, setChosen] = useState(policy);
  const save = useSetLeakPolicy();
  return (
    <section aria-labelledby="leak-heading" className="rounded-xl bg-white p-6 ring-1 ring-zinc-200 dark:bg-zinc-900 dark:ring-zinc-800">
      <h2 id="leak-heading" className="text-base font-semibold">
        Leaked keys
      </h2>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
        When GitHub&apos;s secret scanning, your own scanner or a member reports one of this project&apos;s keys leaked, Keydeck records
        where it was found and then:
      </p>
      <form
        noValidate
        className="mt-4 space-y-3"
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate({ projectId, policy: chosen });
        }}
      >
        <fieldset className="space-y-2" disabled={!canWrite || save.isPending}>
          <legend className="sr-only">What a leaked key does</legend>
          {LEAK_POLICIES.map((choice) => (
            <label key={choice} className="flex items-start gap-3 rounded-md p-2 text-sm ring-1 ring-zinc-200 has-checked:ring-indigo-500 dark:ring-zinc-800">
              <input type="radio" name="leak-policy" value={choice} checked={chosen === choice} onChange={() => setChosen(choice)} className="mt-1" />
              <span>
                <span className="font-medium">
                  {LEAK_POLICY_LABELS[choice].label}
                  {choice === "revoke" && <span className="font-normal text-zinc-500 dark:text-zinc-400"> (default)</span>}
                </span>
                <span className="block text-zinc-600 dark:text-zinc-400">{LEAK_POLICY_LABELS[choice].summary}</span>
              </span>
            </label>
          ))}
        </fieldset>
        {canWrite && (
          <div className="flex justify-end">
            <Button type="submit" pending={save.isPending} disabled={chosen === policy}>
              Save leak policy
            </Button>
          </div>
        )}
        <FormError message={save.error ? save.error.message : null} />
      </form>
    </section>
  );
}
