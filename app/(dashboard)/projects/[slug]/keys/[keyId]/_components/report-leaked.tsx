"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { FormError, TextField } from "@/components/ui/field";
import { ActionError } from "@/lib/client/action-mutation";
import { useReportKeyLeaked } from "@/lib/client/use-report-key-leaked";

/**
 * "Report leaked" for any member who can see the key, with a confirmation
 * that says what the project's policy will do. The button stays pending until
 * the server has handled it (a revocation: every API instance confirmed).
 */
export function ReportLeaked({ projectId, apiKey, policySummary }: { projectId: string; apiKey: { id: string; name: string; hint: string }; policySummary: string }) {
  const [open, setOpen] = useState(false);
  const [url, setUrl] = useState("");
  const report = useReportKeyLeaked(projectId);
  const error = report.error instanceof ActionError ? report.error : null;
  const close = () => {
    if (report.isPending) return;
    setOpen(false);
    report.reset();
  };
  return (
    <>
      <Button variant="secondary-danger" pending={report.isPending} onClick={() => setOpen(true)} aria-label={`Report leaked: ${apiKey.name} (${apiKey.hint})`}>
        {report.isPending ? "Reporting…" : "Report leaked"}
      </Button>
      <Dialog
        open={open}
        onClose={close}
        dismissible={!report.isPending}
        title="Report this key leaked?"
        description={
          <>
            <span className="font-mono">{apiKey.hint}</span> ({apiKey.name}) will be recorded as leaked. {policySummary}
          </>
        }
      >
        <form
          noValidate
          className="space-y-4"
          onSubmit={(event) => {
            event.preventDefault();
            report.mutate({ keyId: apiKey.id, url, hint: apiKey.hint }, { onSuccess: () => setOpen(false) });
          }}
        >
          <TextField
            label="Where was it found?"
            name="url"
            hint="An address, or a few words if it has none."
            limit={200}
            required
            placeholder="https://github.com/…"
            value={url}
            onChange={(event) => setUrl(event.target.value)}
            errors={error?.validationErrors?.url}
          />
          <FormError message={error && !error.validationErrors ? error.message : null} />
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={close} disabled={report.isPending} autoFocus>
              Cancel
            </Button>
            <Button type="submit" variant="danger" pending={report.isPending}>
              {report.isPending ? "Reporting…" : "Report leaked"}
            </Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
