"use client";

import type { KeySummary } from "@/lib/keys/queries";
import { useRevokeKey } from "@/lib/client/use-revoke-key";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";

export function RevokeKeyDialog({
  projectId,
  apiKey,
  onClose,
}: {
  projectId: string;
  apiKey: KeySummary | null;
  onClose: () => void;
}) {
  const revoke = useRevokeKey(projectId);
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
            if (apiKey) revoke.mutate({ id: apiKey.id, hint: apiKey.hint });
            onClose();
          }}
        >
          Revoke key
        </Button>
      </div>
    </Dialog>
  );
}
