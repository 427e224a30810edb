"use client";

import { useId, useState } from "react";
import { MAX_ALLOWED_ORIGINS } from "@/lib/embed/origins";
import { ActionError } from "@/lib/client/action-mutation";
import { useUpdateEmbedOrigins } from "@/lib/client/use-update-embed-origins";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";

const lines = (text: string) => text.split("\n").map((line) => line.trim()).filter(Boolean);

export function OriginsForm({ projectId, origins, canWrite }: { projectId: string; origins: string[]; canWrite: boolean }) {
  const id = useId();
  const [text, setText] = useState(origins.join("\n"));
  const save = useUpdateEmbedOrigins(projectId);
  const error = save.error instanceof ActionError ? save.error : null;
  const fieldErrors = error?.validationErrors?.origins ?? error?.validationErrors?.form;
  const unchanged = lines(text).join("\n") === origins.join("\n");

  return (
    <form
      noValidate
      className="mt-4 space-y-3"
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate(lines(text));
      }}
    >
      <label htmlFor={`${id}-origins`} className="sr-only">
        Allowed origins, one per line
      </label>
      <textarea
        id={`${id}-origins`}
        name="origins"
        rows={Math.min(8, Math.max(3, lines(text).length + 1))}
        value={text}
        readOnly={!canWrite}
        onChange={(event) => setText(event.target.value)}
        placeholder="https://partner.example.com"
        spellCheck={false}
        aria-invalid={fieldErrors ? true : undefined}
        aria-describedby={`${id}-hint${fieldErrors ? ` ${id}-error` : ""}`}
        className={`block w-full rounded-md border-0 bg-white px-3 py-2 font-mono text-sm ring-1 ring-inset focus:ring-2 focus:ring-inset dark:bg-zinc-900 ${
          fieldErrors ? "ring-red-500 focus:ring-red-600" : "ring-zinc-300 focus:ring-indigo-600 dark:ring-zinc-700"
        }`}
      />
      <p id={`${id}-hint`} className="text-xs text-zinc-500 dark:text-zinc-400">
        {origins.length === 0 ? "No origin may frame the widget yet. " : ""}Up to {MAX_ALLOWED_ORIGINS} origins; https only (http is accepted for
        localhost).
      </p>
      {fieldErrors && (
        <ul id={`${id}-error`} role="alert" className="list-disc space-y-1 pl-5 text-sm text-red-600 dark:text-red-400">
          {fieldErrors.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      )}
      <FormError message={error && !error.validationErrors ? error.message : null} />
      {canWrite && (
        <div className="flex justify-end">
          <Button type="submit" pending={save.isPending} disabled={unchanged}>
            Save origins
          </Button>
        </div>
      )}
    </form>
  );
}
