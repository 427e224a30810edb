"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import type { PendingReplacement } from "@/lib/keys/leak-replacements";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { RevealSecret } from "@/components/ui/reveal-secret";
import { useRevealLeakReplacement } from "@/lib/client/use-reveal-leak-replacement";

/**
 * Replacements issued for leaked keys, told to the owners and admins who open
 * the project: the first to reveal one sees its secret, once; the row that
 * held it sealed is gone by the time the dialog opens.
 */
export function LeakReplacements({ projectId, replacements }: { projectId: string; replacements: PendingReplacement[] }) {
  const router = useRouter();
  const reveal = useRevealLeakReplacement();
  const [revealing, setRevealing] = useState<string | null>(null);
  if (replacements.length === 0 && !reveal.data) return null;
  return (
    <section aria-label="Replacements for leaked keys" className="mt-4 space-y-2">
      {replacements.map((replacement) => (
        <div key={replacement.id} role="status" className="flex flex-wrap items-center gap-3 rounded-md bg-amber-50 px-4 py-3 text-sm text-amber-900 ring-1 ring-amber-200 dark:bg-amber-950/50 dark:text-amber-200 dark:ring-amber-900">
          <p className="min-w-0 flex-1">
            A leaked key was revoked and replaced: <strong className="wrap-anywhere">{replacement.keyName}</strong> is now{" "}
            <span className="font-mono">{replacement.keyHint}</span>. Its secret can be shown once, to you or another owner or admin.
          </p>
          <Button
            pending={reveal.isPending && revealing === replacement.id}
            disabled={reveal.isPending}
            onClick={() => {
              setRevealing(replacement.id);
              reveal.mutate({ projectId, replacementId: replacement.id }, { onError: () => router.refresh() });
            }}
            aria-label={`Reveal new key for ${replacement.keyName}`}
          >
            Reveal new key
          </Button>
        </div>
      ))}
      <Dialog open={Boolean(reveal.data)} onClose={() => {}} dismissible={false} title={`Replacement for ${reveal.data?.name ?? "the leaked key"}`}>
        {reveal.data && (
          <RevealSecret
            label="The replacement API key"
            plaintext={reveal.data.plaintext}
            confirmLabel="I have copied this key and stored it safely."
            warning={
              <>
                <strong>This key will not be shown again, to you or anyone.</strong> Put it where the leaked key was used; the leaked
                one no longer works.
              </>
            }
            onDone={() => {
              reveal.reset();
              setRevealing(null);
              router.refresh();
            }}
          />
        )}
      </Dialog>
    </section>
  );
}
