"use client";

import { useState, type ReactNode } from "react";
import type { Overlap } from "@/lib/keys/schemas";
import { Dialog } from "./dialog";
import { FormError } from "./field";
import { FormActions } from "./form-actions";
import { OverlapField } from "./overlap-field";

/**
 * Rotating a signing secret: choose the overlap, then the new secret is
 * revealed once (`reveal`, shown when the rotation has answered). The
 * dialog cannot be dismissed while the secret is on screen.
 */
export function RotateSecretDialog({
  open,
  revealed,
  reveal,
  description,
  legend,
  pending,
  error,
  onRotate,
  onClose,
}: {
  open: boolean;
  /** The rotation answered: `reveal` is on screen. */
  revealed: boolean;
  reveal: ReactNode;
  description: string;
  legend: string;
  pending: boolean;
  error: Error | null;
  onRotate: (overlap: Overlap) => void;
  onClose: () => void;
}) {
  const [overlap, setOverlap] = useState<Overlap>("24h");
  function close() {
    setOverlap("24h");
    onClose();
  }
  return (
    <Dialog open={open} onClose={close} dismissible={!revealed} title={revealed ? "Copy your new signing secret" : "Rotate signing secret"} description={revealed ? undefined : description}>
      {revealed ? (
        reveal
      ) : (
        <form
          className="space-y-4"
          onSubmit={(event) => {
            event.preventDefault();
            onRotate(overlap);
          }}
        >
          <OverlapField legend={legend} value={overlap} onChange={setOverlap} />
          <FormError message={error?.message} />
          <FormActions submitLabel="Rotate secret" onCancel={close} pending={pending} />
        </form>
      )}
    </Dialog>
  );
}
