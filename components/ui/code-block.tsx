"use client";

import { useCopy } from "@/lib/client/use-copy";
import { Button } from "./button";

/** A ready-to-paste example with its own Copy button. */
export function CodeBlock({ code, label }: { code: string; label: string }) {
  const { copied, copy } = useCopy();
  return (
    <div className="relative">
      {/* On a phone the button goes above the example: over it, it would hide half of each line. */}
      <div className="mb-2 flex justify-end sm:absolute sm:right-2 sm:top-2 sm:mb-0">
        <Button variant="secondary" className="!px-2 !py-1 text-xs" onClick={() => void copy(code, label)}>
          {copied === label ? "Copied" : `Copy ${label}`}
        </Button>
      </div>
      {/* Focusable, so a long example can be scrolled with the keyboard. */}
      <pre tabIndex={0} aria-label={`${label} example`} className="max-h-72 overflow-auto rounded-md bg-zinc-950 p-3 text-xs text-zinc-100 sm:pr-24">
        <code>{code}</code>
      </pre>
      <p className="sr-only" aria-live="polite">
        {copied ? "Copied to the clipboard." : ""}
      </p>
    </div>
  );
}
