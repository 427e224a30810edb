"use client";

import { useState, type ReactNode } from "react";
import { useCopy } from "@/lib/client/use-copy";
import { Button } from "./button";

/**
 * The one time a secret's plaintext is on screen (an API key, a signing
 * secret). It can be dismissed only once the user confirms they stored it.
 */
export function RevealSecret({
  label,
  plaintext,
  warning,
  confirmLabel,
  onDone,
  children,
}: {
  label: string;
  plaintext: string;
  warning: ReactNode;
  confirmLabel: string;
  onDone: () => void;
  children?: ReactNode;
}) {
  const { copied, copy } = useCopy();
  const [confirmed, setConfirmed] = useState(false);
  return (
    <div className="space-y-4">
      <p role="note" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:bg-amber-950/50 dark:text-amber-200">
        {warning}
      </p>
      <div>
        <label htmlFor="revealed-secret" className="block text-sm font-medium">
          {label}
        </label>
        <div className="mt-1 flex gap-2">
          <input
            id="revealed-secret"
            readOnly
            value={plaintext}
            onFocus={(event) => event.currentTarget.select()}
            className="block w-full rounded-md border-0 bg-zinc-50 px-3 py-2 font-mono text-sm ring-1 ring-inset ring-zinc-300 dark:bg-zinc-950 dark:ring-zinc-700"
          />
          <Button onClick={() => void copy(plaintext, "secret")}>{copied === "secret" ? "Copied" : "Copy"}</Button>
        </div>
        <p className="sr-only" aria-live="polite">
          {copied ? "Copied to the clipboard." : ""}
        </p>
      </div>
      {children}
      <label className="flex items-start gap-2 text-sm">
        <input type="checkbox" className="mt-0.5 size-4" checked={confirmed} onChange={(event) => setConfirmed(event.target.checked)} />
        {confirmLabel}
      </label>
      <div className="flex justify-end">
        <Button onClick={onDone} disabled={!confirmed}>
          Done
        </Button>
      </div>
    </div>
  );
}
