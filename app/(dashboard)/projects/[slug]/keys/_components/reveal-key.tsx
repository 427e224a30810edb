"use client";

import { keySnippets } from "@/lib/keys/snippets";
import { RevealSecret } from "@/components/ui/reveal-secret";
import { SnippetTabs } from "@/components/ui/snippet-tabs";

/** A new key's plaintext, once, with examples that use it. */
export function RevealKey({ plaintext, apiBaseUrl, onDone }: { plaintext: string; apiBaseUrl: string; onDone: () => void }) {
  return (
    <RevealSecret
      label="Your new API key"
      plaintext={plaintext}
      confirmLabel="I have copied this key and stored it safely."
      onDone={onDone}
      warning={
        <>
          <strong>This key will not be shown again.</strong> Copy it now and store it somewhere safe, such as a secrets manager. Keydeck
          keeps only a hash of it.
        </>
      }
    >
      <SnippetTabs label="Usage examples" snippets={keySnippets(plaintext, apiBaseUrl)} />
    </RevealSecret>
  );
}
