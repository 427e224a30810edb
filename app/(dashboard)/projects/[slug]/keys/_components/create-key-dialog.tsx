"use client";

import { useState } from "react";
import Link from "next/link";
import { useCreateKey } from "@/lib/client/use-create-key";
import { ActionError } from "@/lib/client/action-mutation";
import type { KeyExpiry } from "@/lib/keys/schemas";
import { FormActions } from "@/components/ui/form-actions";
import { Dialog } from "@/components/ui/dialog";
import { FormError, TextField } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select";
import { KEY_ENVIRONMENTS_ANCHOR } from "@/lib/contract/key-environments";
import { RevealKey } from "./reveal-key";
import { PolicyFields } from "@/components/keys/policy-fields";
import { policyForm } from "@/lib/keys/policy-form";
import { usePolicyForm } from "@/lib/client/use-policy-form";

/** A new key's policy unless the person narrows it: every permission, any address, the plan's rate, no credits. */
const OPEN_POLICY = policyForm({ permissions: null, ipAllowlist: [], rateLimitRps: null, credits: null });

const EXPIRY_OPTIONS = [
  { value: "never", label: "Never" },
  { value: "30", label: "In 30 days" },
  { value: "90", label: "In 90 days" },
  { value: "365", label: "In 365 days" },
  { value: "date", label: "On a date…" },
];

function expiryFrom(choice: string, date: string): KeyExpiry {
  if (choice === "never") return { kind: "never" };
  if (choice === "date") return { kind: "date", date };
  return { kind: "days", days: Number(choice) as 30 | 90 | 365 };
}

export function CreateKeyDialog({
  projectId,
  apiBaseUrl,
  projectPermissions,
  open,
  onClose,
}: {
  projectId: string;
  apiBaseUrl: string;
  projectPermissions: string[];
  open: boolean;
  onClose: () => void;
}) {
  const [name, setName] = useState("");
  const [environment, setEnvironment] = useState<"live" | "test">("live");
  const [expiryChoice, setExpiryChoice] = useState("never");
  const [date, setDate] = useState("");
  const policy = usePolicyForm(OPEN_POLICY);
  const [policyOpen, setPolicyOpen] = useState(false);
  const create = useCreateKey(projectId);
  const error = create.error instanceof ActionError ? create.error : null;
  const issued = create.data;

  function close() {
    // Drops the plaintext: component state and the mutation's result.
    create.reset();
    setName("");
    setEnvironment("live");
    setExpiryChoice("never");
    setDate("");
    policy.reset();
    setPolicyOpen(false);
    onClose();
  }

  return (
    <Dialog
      open={open}
      onClose={close}
      dismissible={!issued}
      title={issued ? "Copy your new key" : "Create API key"}
      description={issued ? `“${issued.name}” (${issued.environment}) is ready.` : "Name the key after the service or person that will use it."}
    >
      {issued ? (
        <RevealKey
          plaintext={issued.plaintext}
          apiBaseUrl={apiBaseUrl}
          onDone={() => {
            create.confirmReveal();
            close();
          }}
        />
      ) : (
        <form
          noValidate
          className="space-y-4"
          onSubmit={(event) => {
            event.preventDefault();
            const sent = policy.submit((input, options) => create.mutate({ name, environment, expiry: expiryFrom(expiryChoice, date), ...input }, options));
            // A wrong policy field is inside the folded section: unfold it to show why.
            if (!sent) setPolicyOpen(true);
          }}
        >
          <TextField
            label="Name"
            name="name"
            autoFocus
            autoComplete="off"
            limit={64}
            placeholder="Billing service"
            value={name}
            onChange={(event) => setName(event.target.value)}
            errors={error?.validationErrors?.name}
          />
          <fieldset aria-describedby="environment-hint">
            <legend className="text-sm font-medium">Environment</legend>
            <div className="mt-1 flex gap-4">
              {(["live", "test"] as const).map((value) => (
                <label key={value} className="flex items-center gap-2 text-sm">
                  <input
                    type="radio"
                    name="environment"
                    value={value}
                    checked={environment === value}
                    onChange={() => setEnvironment(value)}
                    className="size-4"
                  />
                  {value === "live" ? "Live" : "Test"}
                </label>
              ))}
            </div>
            <p id="environment-hint" className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">
              Sandbox keys are not created here: anyone can mint one anonymously through the API, for a trial.{" "}
              <Link href={`/docs/api#${KEY_ENVIRONMENTS_ANCHOR}`} className="text-indigo-700 underline dark:text-indigo-400">
                About key environments
              </Link>
            </p>
          </fieldset>
          <SelectField label="Expires" options={EXPIRY_OPTIONS} value={expiryChoice} onChange={(event) => setExpiryChoice(event.target.value)} />
          {expiryChoice === "date" && (
            <TextField
              label="Expiry date"
              type="date"
              name="date"
              value={date}
              onChange={(event) => setDate(event.target.value)}
              hint="The key stops working at the start of this day (UTC)."
              errors={error?.validationErrors?.["expiry.date"] ?? error?.validationErrors?.expiry}
            />
          )}
          <details open={policyOpen} onToggle={(event) => setPolicyOpen(event.currentTarget.open)} className="rounded-lg ring-1 ring-zinc-200 dark:ring-zinc-800">
            <summary className="cursor-pointer px-4 py-2 text-sm font-medium">Permissions, IP allowlist and limits</summary>
            <div className="space-y-3 px-4 pb-4">
              <PolicyFields {...policy.fields} projectPermissions={projectPermissions} />
            </div>
          </details>
          <FormError message={error && !error.validationErrors ? error.message : null} />
          <FormActions submitLabel="Create key" onCancel={close} pending={create.isPending} />
        </form>
      )}
    </Dialog>
  );
}
