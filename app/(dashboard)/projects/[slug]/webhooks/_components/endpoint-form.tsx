"use client";

import { useState } from "react";
import type { EndpointFormValues } from "@/lib/client/use-create-webhook-endpoint";
import { ActionError } from "@/lib/client/action-mutation";
import { FormError, TextField } from "@/components/ui/field";
import { FormActions } from "@/components/ui/form-actions";

export type EventTypeOption = { name: string; description: string };

/** URL, description and events: the add and edit dialogs' form. */
export function EndpointForm({
  initial,
  eventTypes,
  submitLabel,
  pending,
  error,
  onSubmit,
  onCancel,
}: {
  initial: EndpointFormValues;
  eventTypes: EventTypeOption[];
  submitLabel: string;
  pending: boolean;
  error: Error | null;
  onSubmit: (values: EndpointFormValues) => void;
  onCancel: () => void;
}) {
  const [url, setUrl] = useState(initial.url);
  const [description, setDescription] = useState(initial.description);
  const [selected, setSelected] = useState<Set<string>>(new Set(initial.eventTypes));
  const fieldErrors = error instanceof ActionError ? error.validationErrors : undefined;
  const toggle = (name: string, on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(name);
      else next.delete(name);
      return next;
    });
  return (
    <form
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit({ url, description, eventTypes: eventTypes.map((t) => t.name).filter((name) => selected.has(name)) });
      }}
    >
      <TextField
        label="Endpoint URL"
        type="url"
        required
        placeholder="https://example.com/webhooks/keydeck"
        hint="https, on a public address. Keydeck does not follow redirects."
        value={url}
        onChange={(event) => setUrl(event.target.value)}
        errors={fieldErrors?.url}
      />
      <TextField label="Description (optional)" value={description} limit={200} onChange={(event) => setDescription(event.target.value)} errors={fieldErrors?.description} />
      <fieldset>
        <legend className="text-sm font-medium text-zinc-800 dark:text-zinc-200">Events to send</legend>
        <div className="mt-2 grid gap-2 sm:grid-cols-2">
          {eventTypes.map((type) => (
            <label key={type.name} className="flex items-start gap-2 text-sm">
              <input type="checkbox" className="mt-0.5 size-4" checked={selected.has(type.name)} onChange={(event) => toggle(type.name, event.target.checked)} />
              <span>
                <span className="font-mono text-xs">{type.name}</span>
                <span className="block text-xs text-zinc-500 dark:text-zinc-400">{type.description}</span>
              </span>
            </label>
          ))}
        </div>
        {fieldErrors?.eventTypes && (
          <p role="alert" className="mt-1 text-sm text-red-600 dark:text-red-400">
            {fieldErrors.eventTypes.join(" ")}
          </p>
        )}
      </fieldset>
      <FormError message={error && !fieldErrors ? error.message : null} />
      <FormActions submitLabel={submitLabel} onCancel={onCancel} pending={pending} />
    </form>
  );
}
