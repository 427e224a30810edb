"use client";

import { useState } from "react";
import { useSetEmbedEnabled } from "@/lib/client/use-set-embed-enabled";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { FormError } from "@/components/ui/field";
import { FormActions } from "@/components/ui/form-actions";
import { RevealSigningSecret } from "./reveal-signing-secret";

/** On and off. Turning it on the first time shows the new signing secret once; turning it off asks first. */
export function EmbedSwitch({ projectId, enabled }: { projectId: string; enabled: boolean }) {
  const toggle = useSetEmbedEnabled(projectId);
  const [confirmingOff, setConfirmingOff] = useState(false);
  const secret = toggle.data?.secret ?? null;

  function turnOn() {
    toggle.mutate(true);
  }

  function turnOff() {
    toggle.mutate(false, { onSuccess: () => setConfirmingOff(false) });
  }

  return (
    <div className="flex flex-col items-end gap-2">
      <Button
        role="switch"
        aria-checked={enabled}
        variant={enabled ? "secondary" : "primary"}
        pending={toggle.isPending && !confirmingOff}
        onClick={() => (enabled ? setConfirmingOff(true) : turnOn())}
      >
        {enabled ? "Turn embed mode off" : "Turn embed mode on"}
      </Button>
      {!confirmingOff && <FormError message={toggle.error?.message} />}

      <Dialog
        open={confirmingOff}
        onClose={() => {
          setConfirmingOff(false);
          toggle.reset();
        }}
        title="Turn embed mode off?"
        description="Every partner's embed stops at once, and new sessions are refused. The publishable key, signing secrets and allowed origins are kept for when you turn it on again."
      >
        <form
          className="space-y-4"
          onSubmit={(event) => {
            event.preventDefault();
            turnOff();
          }}
        >
          <FormError message={toggle.error?.message} />
          <FormActions submitLabel="Turn off" danger onCancel={() => setConfirmingOff(false)} pending={toggle.isPending} />
        </form>
      </Dialog>

      <Dialog open={secret !== null} onClose={() => toggle.reset()} dismissible={false} title="Embed mode is on" description="Copy the signing secret now.">
        {secret && (
          <RevealSigningSecret
            plaintext={secret.plaintext}
            onDone={() => {
              toggle.confirmReveal();
              toggle.reset();
            }}
          />
        )}
      </Dialog>
    </div>
  );
}
