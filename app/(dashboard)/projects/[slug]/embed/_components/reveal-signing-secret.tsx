"use client";

import { RevealSecret } from "@/components/ui/reveal-secret";

export function RevealSigningSecret({ plaintext, onDone }: { plaintext: string; onDone: () => void }) {
  return (
    <RevealSecret
      label="Signing secret"
      plaintext={plaintext}
      confirmLabel="I have copied this secret and stored it safely."
      onDone={onDone}
      warning={
        <>
          <strong>This secret will not be shown again.</strong> Session tokens are signed with it (HS256): keep it on your servers, like an
          API key, if you verify tokens yourself.
        </>
      }
    />
  );
}
