"use client";

import { useCopy } from "@/lib/client/use-copy";
import { Button } from "./button";

/** A ready-to-paste example with its own Copy button. */
export function CodeBlock({ code, label }: { code: string; label: string }) {
  const { copied, copy } = useCopy();
  return (
    <div className="relative">
      {/* Focusable, so a long example can be scrolled with the keyboard. */}
      <pre tabIndex={0} aria-label={`${label} example`} className="max-h-72 overflow-auto rounded-md bg-zinc-950 p-3 pr-24 text-xs text-zinc-100">
        <code>{code}</code>
      </pre>
      <Button variant="secondary" className="absolute right-2 top-2 !px-2 !py-1 text-xs" onClick={() => void copy(code, label)}>
        {copied === label ? "Copied" : `Copy ${label}`}
      </Button>
      <p className="sr-only" aria-live="polite">
        {copied ? "Copied to the clipboard." : ""}
      </p>
    </div>
  );
}
