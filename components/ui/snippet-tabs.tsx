"use client";

import { useId, useState } from "react";
import type { Snippet } from "@/lib/keys/snippets";
import { CodeBlock } from "./code-block";

/** Code examples in tabs, each with its own Copy button. */
export function SnippetTabs({ snippets, label }: { snippets: Snippet[]; label: string }) {
  const id = useId();
  const [tab, setTab] = useState(snippets[0]!.id);
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
      <div id={`${id}-panel`} role="tabpanel" aria-labelledby={`${id}-tab-${active.id}`} className="mt-2">
        <CodeBlock code={active.code} label={active.label} />
      </div>
    </div>
  );
}
