import type { ReactNode } from "react";
import Link from "next/link";
import type { OnboardingChecklist, OnboardingStepId } from "@/lib/usage/onboarding-model";
import type { Snippet } from "@/lib/keys/snippets";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { CodeBlock } from "@/components/ui/code-block";

const LINK = "text-sm font-medium text-indigo-700 hover:underline dark:text-indigo-400";

/** The Overview's "Get started" checklist, from a new project to its first counted call. */
export function GetStarted({
  checklist,
  slug,
  firstCall,
  onHide,
}: {
  checklist: OnboardingChecklist;
  slug: string;
  firstCall: Snippet;
  onHide: () => void;
}) {
  const next = checklist.steps.find((step) => !step.done)?.id;
  // What each step offers while it is the next one to do.
  const action: Partial<Record<OnboardingStepId, ReactNode>> = {
    "create-key": (
      <Link href={`/projects/${slug}/keys`} className={LINK}>
        Create your first key →
      </Link>
    ),
    "first-call": <CodeBlock code={firstCall.code} label="curl" />,
  };
  return (
    <section aria-labelledby="get-started-heading" className="rounded-xl bg-white p-5 ring-1 ring-zinc-200 dark:bg-zinc-900 dark:ring-zinc-800">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="get-started-heading" className="text-base font-semibold">
          {checklist.complete ? "All set" : "Get started"}
        </h2>
        {checklist.complete ? (
          <Button variant="ghost" onClick={onHide}>
            Hide
          </Button>
        ) : (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">Three steps to your first counted call. This list updates by itself.</p>
        )}
      </div>
      <ol aria-label="Steps to the first counted call" className="mt-4 space-y-4">
        {checklist.steps.map((step, index) => (
          <li key={step.id} className="flex gap-3">
            <span
              aria-hidden
              className={`flex size-6 shrink-0 items-center justify-center rounded-full text-xs font-semibold ${
                step.done ? "bg-emerald-600 text-white" : "bg-zinc-100 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300"
              }`}
            >
              {step.done ? "✓" : index + 1}
            </span>
            <div className="min-w-0 flex-1 space-y-2">
              <div className="flex flex-wrap items-center gap-2">
                <h3 className="text-sm font-medium">{step.title}</h3>
                <Badge tone={step.done ? "green" : "zinc"}>{step.done ? "Done" : "To do"}</Badge>
              </div>
              <p className="text-sm text-zinc-600 dark:text-zinc-400">{step.detail}</p>
              {step.id === next && action[step.id]}
              {step.id === "counted" && step.done && (
                <Link href={`/projects/${slug}/usage`} className={LINK}>
                  See it on the Usage tab →
                </Link>
              )}
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}
