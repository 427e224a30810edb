"use client";

import { useCopy } from "@/lib/client/use-copy";
import { Button } from "@/components/ui/button";

export function PublishableKey({ value }: { value: string }) {
  const { copied, copy } = useCopy();
  return (
    <div>
      <label htmlFor="publishable-key" className="block text-sm font-medium">
        Publishable key
      </label>
      <div className="mt-1 flex gap-2">
        <input
          id="publishable-key"
          readOnly
          value={value}
          aria-describedby="publishable-key-hint"
          onFocus={(event) => event.currentTarget.select()}
          className="block w-full rounded-md border-0 bg-zinc-50 px-3 py-2 font-mono text-sm ring-1 ring-inset ring-zinc-300 dark:bg-zinc-950 dark:ring-zinc-700"
        />
        <Button variant="secondary" onClick={() => void copy(value, "pk")}>
          {copied ? "Copied" : "Copy"}
        </Button>
      </div>
      <p id="publishable-key-hint" className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">
        Safe to show in a browser: it names this project&apos;s embed and grants nothing by itself.
      </p>
      <p className="sr-only" aria-live="polite">
        {copied ? "Copied to the clipboard." : ""}
      </p>
    </div>
  );
}
