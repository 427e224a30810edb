"use client";

import { useState } from "react";
import { keySnippets } from "@/lib/keys/snippets";
import { Button } from "@/components/ui/button";

/**
 * The one time a key's plaintext is on screen. The dialog closes only when
 * the user confirms they have stored it.
 */
export function RevealKey({ plaintext, apiBaseUrl, onDone }: { plaintext: string; apiBaseUrl: string; onDone: () => void }) {
  const [copied, setCopied] = useState<string | null>(null);
  const [confirmed, setConfirmed] = useState(false);
  const snippets = keySnippets(plaintext, apiBaseUrl);
  const [tab, setTab] = useState(snippets[0]!.id);
  const active = snippets.find((s) => s.id === tab) ?? snippets[0]!;

  async function copy(text: string, what: string) {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(what);
    } catch {
      setCopied(null);
    }
  }

  return (
    <div className="space-y-4">
      <p role="note" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:bg-amber-950/50 dark:text-amber-200">
        <strong>This key will not be shown again.</strong> Copy it now and store it somewhere safe, such as a secrets manager.
        Keydeck keeps only a hash of it.
      </p>
      <div>
        <label htmlFor="new-key" className="block text-sm font-medium">
          Your new API key
        </label>
        <div className="mt-1 flex gap-2">
          <input
            id="new-key"
            readOnly
            value={plaintext}
            onFocus={(event) => event.currentTarget.select()}
            className="block w-full rounded-md border-0 bg-zinc-50 px-3 py-2 font-mono text-sm ring-1 ring-inset ring-zinc-300 dark:bg-zinc-950 dark:ring-zinc-700"
          />
          <Button onClick={() => void copy(plaintext, "key")}>{copied === "key" ? "Copied" : "Copy"}</Button>
        </div>
        <p className="sr-only" aria-live="polite">
          {copied ? "Copied to the clipboard." : ""}
        </p>
      </div>

      <div>
        <div role="tablist" aria-label="Usage examples" className="flex gap-1 border-b border-zinc-200 dark:border-zinc-800">
          {snippets.map((snippet) => (
            <button
              key={snippet.id}
              type="button"
              role="tab"
              id={`snippet-tab-${snippet.id}`}
              aria-selected={snippet.id === tab}
              aria-controls="snippet-panel"
              onClick={() => setTab(snippet.id)}
              className={`-mb-px border-b-2 px-3 py-1.5 text-sm ${
                snippet.id === tab ? "border-indigo-600 font-medium text-indigo-700 dark:text-indigo-400" : "border-transparent text-zinc-600 dark:text-zinc-400"
              }`}
            >
              {snippet.label}
            </button>
          ))}
        </div>
        <div id="snippet-panel" role="tabpanel" aria-labelledby={`snippet-tab-${active.id}`} className="relative mt-2">
          <pre tabIndex={0} aria-label={`${active.label} snippet`} className="max-h-48 overflow-auto rounded-md bg-zinc-950 p-3 pr-20 text-xs text-zinc-100">
            <code>{active.code}</code>
          </pre>
          <Button variant="secondary" className="absolute right-2 top-2 !px-2 !py-1 text-xs" onClick={() => void copy(active.code, active.id)}>
            {copied === active.id ? "Copied" : `Copy ${active.label}`}
          </Button>
        </div>
      </div>

      <label className="flex items-start gap-2 text-sm">
        <input type="checkbox" className="mt-0.5 size-4" checked={confirmed} onChange={(event) => setConfirmed(event.target.checked)} />
        I have copied this key and stored it safely.
      </label>
      <div className="flex justify-end">
        <Button onClick={onDone} disabled={!confirmed}>
          Done
        </Button>
      </div>
    </div>
  );
}
