"use client";

import { useId, useState } from "react";
import type { Snippet } from "@/lib/keys/snippets";
import { useCopy } from "@/lib/client/use-copy";
import { Button } from "./button";

/** Code examples in tabs, each with its own Copy button. */
export function SnippetTabs({ snippets, label }: { snippets: Snippet[]; label: string }) {
  const id = useId();
  const [tab, setTab] = useState(snippets[0]!.id);
  const { copied, copy } = useCopy();
  const active = snippets.find((s) => s.id === tab) ?? snippets[0]!;

  function onKeyDown(event: React.KeyboardEvent, index: number) {
    // Arrow keys move between tabs, as in every tablist.
    const step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
    if (!step) return;
    event.preventDefault();
    const next = snippets[(index + step + snippets.length) % snippets.length]!;
    setTab(next.id);
    document.getElementById(`${id}-tab-${next.id}`)?.focus();
  }

  return (
    <div>
      <div role="tablist" aria-label={label} className="flex flex-wrap gap-1 border-b border-zinc-200 dark:border-zinc-800">
        {snippets.map((snippet, index) => (
          <button
            key={snippet.id}
            type="button"
            role="tab"
            id={`${id}-tab-${snippet.id}`}
            aria-selected={snippet.id === active.id}
            aria-controls={`${id}-panel`}
            tabIndex={snippet.id === active.id ? 0 : -1}
            onClick={() => setTab(snippet.id)}
            onKeyDown={(event) => onKeyDown(event, index)}
            className={`-mb-px border-b-2 px-3 py-1.5 text-sm ${
              snippet.id === active.id
                ? "border-indigo-600 font-medium text-indigo-700 dark:text-indigo-400"
                : "border-transparent text-zinc-600 dark:text-zinc-400"
            }`}
          >
            {snippet.label}
          </button>
        ))}
      </div>
      <div id={`${id}-panel`} role="tabpanel" aria-labelledby={`${id}-tab-${active.id}`} className="relative mt-2">
        {/* On a phone the button goes above the example: over it, it would hide half of each line. */}
        <div className="mb-2 flex justify-end sm:absolute sm:right-2 sm:top-2 sm:mb-0">
          <Button variant="secondary" className="!px-2 !py-1 text-xs" onClick={() => void copy(active.code, active.id)}>
            {copied === active.id ? "Copied" : `Copy ${active.label}`}
          </Button>
        </div>
        {/* Focusable, so a long example can be scrolled with the keyboard. */}
        <pre tabIndex={0} aria-label={`${active.label} example`} className="max-h-72 overflow-auto rounded-md bg-zinc-950 p-3 text-xs text-zinc-100 sm:pr-24">
          <code>{active.code}</code>
        </pre>
        <p className="sr-only" aria-live="polite">
          {copied ? "Copied to the clipboard." : ""}
        </p>
      </div>
    </div>
  );
}
