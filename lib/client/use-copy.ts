"use client";

import { useState } from "react";

/** Copies text to the clipboard and remembers which thing was copied last (for "Copied" labels). */
export function useCopy() {
  const [copied, setCopied] = useState<string | null>(null);
  async function copy(text: string, what: string) {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(what);
    } catch {
      setCopied(null);
    }
  }
  return { copied, copy };
}
