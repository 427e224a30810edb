"use client";

import { useState } from "react";
import type { KeySummary } from "@/lib/keys/queries";
import type { Overlap } from "@/lib/keys/schemas";
import { useRotateKey } from "@/lib/client/use-rotate-key";
import { FormActions } from "@/components/ui/form-actions";
import { OverlapField } from "@/components/ui/overlap-field";
import { Dialog } from "@/components/ui/dialog";
import { FormError } from "@/components/ui/field";
import { RevealKey } from "./reveal-key";

export function RotateKeyDialog({
  projectId,
  apiBaseUrl,
  apiKey,
  onClose,
}: {
  projectId: string;
  apiBaseUrl: string;
  apiKey: KeySummary | null;
  onClose: () => void;
}) {
  const [overlap, setOverlap] = useState<Overlap>("24h");
  const rotate = useRotateKey(projectId);
  const issued = rotate.data;

  function close() {
    rotate.reset();
    setOverlap("24h");
    onClose();
  }

  return (
    <Dialog
      open={apiKey !== null}
      onClose={close}
      dismissible={!issued}
      title={issued ? "Copy your new key" : "Rotate key"}
      description={
        issued
          ? `The new key replaces ${apiKey?.hint ?? "the old key"}.`
          : apiKey && (
              <>
                A new key with the same name, environment, lifetime, permissions, IP allowlist and limits replaces{" "}
                <span className="font-mono">{apiKey.hint}</span>. Choose how
                long the old key keeps working while you deploy the new one.
              </>
            )
      }
    >
      {issued ? (
        <RevealKey plaintext={issued.plaintext} apiBaseUrl={apiBaseUrl} onDone={close} />
      ) : (
        <form
          className="space-y-4"
          onSubmit={(event) => {
            event.preventDefault();
            if (apiKey) rotate.mutate({ keyId: apiKey.id, overlap });
          }}
        >
          <OverlapField legend="Old key keeps working for" value={overlap} onChange={setOverlap} />
          <FormError message={rotate.error?.message} />
          <FormActions submitLabel="Rotate key" onCancel={close} pending={rotate.isPending} />
        </form>
      )}
    </Dialog>
  );
}
