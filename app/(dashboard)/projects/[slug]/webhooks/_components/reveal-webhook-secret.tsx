"use client";

import { RevealSecret } from "@/components/ui/reveal-secret";

export function RevealWebhookSecret({ plaintext, onDone }: { plaintext: string; onDone: () => void }) {
  return (
    <RevealSecret
      label="Signing secret"
      plaintext={plaintext}
      confirmLabel="I have copied this secret and stored it safely."
      onDone={onDone}
      warning={
        <>
          <strong>This secret will not be shown again.</strong> Your endpoint verifies each message&apos;s webhook-signature with it (any
          Standard Webhooks library does); keep it on your servers.
        </>
      }
    />
  );
}
