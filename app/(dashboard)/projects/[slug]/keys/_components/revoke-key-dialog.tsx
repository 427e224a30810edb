"use client";

import type { KeySummary } from "@/lib/keys/queries";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";

export function RevokeKeyDialog({
  apiKey,
  onConfirm,
  onClose,
}: {
  apiKey: KeySummary | null;
  onConfirm: (key: KeySummary) => void;
  onClose: () => void;
}) {
  return (
    <Dialog
      open={apiKey !== null}
      onClose={onClose}
      title="Revoke this key?"
      description={
        apiKey && (
          <>
            <span className="font-mono">{apiKey.hint}</span> ({apiKey.name}) stops working immediately, everywhere. Requests that use
            it will be refused. This cannot be undone.
          </>
        )
      }
    >
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={onClose} autoFocus>
          Cancel
        </Button>
        <Button
          variant="danger"
          onClick={() => {
            if (apiKey) onConfirm(apiKey);
            onClose();
          }}
        >
          Revoke key
        </Button>
      </div>
    </Dialog>
  );
}
