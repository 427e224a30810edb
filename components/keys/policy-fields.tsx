"use client";

import { useId, useState } from "react";
import { TextField } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select";
import type { PolicyForm, PolicyFormErrors } from "@/lib/keys/policy-form";

const fieldset = "space-y-3 rounded-lg p-4 ring-1 ring-zinc-200 dark:ring-zinc-800";
const legend = "px-1 text-sm font-semibold";
const help = "text-xs text-zinc-500 dark:text-zinc-400";

function Errors({ id, messages }: { id: string; messages?: string[] }) {
  if (!messages?.length) return null;
  return (
    <p id={id} role="alert" className="text-sm text-red-600 dark:text-red-400">
      {messages.join(" ")}
    </p>
  );
}

/**
 * A key's permissions, IP allowlist, rate limit and credits as form fields:
 * the key's page and the create dialog show the same ones.
 */
export function PolicyFields({
  form,
  onChange,
  errors,
  projectPermissions,
}: {
  form: PolicyForm;
  onChange: (form: PolicyForm) => void;
  errors: PolicyFormErrors;
  projectPermissions: string[];
}) {
  const [search, setSearch] = useState("");
  const id = useId();
  const set = <K extends keyof PolicyForm>(field: K, value: PolicyForm[K]) => onChange({ ...form, [field]: value });
  const shown = projectPermissions.filter((name) => name.toLowerCase().includes(search.trim().toLowerCase()));
  const allowlistErrors = errors.ipAllowlist;
  return (
    <>
      <fieldset className={fieldset} aria-describedby={errors.permissions ? `${id}-perm-error` : undefined}>
        <legend className={legend}>Permissions</legend>
        <label className="flex items-center gap-2 text-sm">
          <input type="radio" name={`${id}-scope`} checked={form.allPermissions} onChange={() => set("allPermissions", true)} />
          Every permission the project defines
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input type="radio" name={`${id}-scope`} checked={!form.allPermissions} onChange={() => set("allPermissions", false)} />
          Only the permissions chosen below
        </label>
        {!form.allPermissions &&
          (projectPermissions.length === 0 ? (
            <p className={help}>The project defines no permissions yet: an owner or admin adds them in Settings.</p>
          ) : (
            <div className="space-y-2">
              <TextField label="Search permissions" type="search" value={search} onChange={(event) => setSearch(event.target.value)} />
              <ul className="max-h-48 space-y-1 overflow-y-auto" aria-label="Project permissions">
                {shown.map((name) => (
                  <li key={name}>
                    <label className="flex items-center gap-2 font-mono text-sm">
                      <input
                        type="checkbox"
                        checked={form.permissions.includes(name)}
                        onChange={(event) => set("permissions", event.target.checked ? [...form.permissions, name] : form.permissions.filter((p) => p !== name))}
                      />
                      {name}
                    </label>
                  </li>
                ))}
                {shown.length === 0 && <li className={help}>No permission matches “{search}”.</li>}
              </ul>
            </div>
          ))}
        <Errors id={`${id}-perm-error`} messages={errors.permissions} />
      </fieldset>

      <fieldset className={fieldset}>
        <legend className={legend}>IP allowlist</legend>
        <label htmlFor={`${id}-ips`} className="block text-sm font-medium">
          Allowed addresses and ranges, one per line
        </label>
        <textarea
          id={`${id}-ips`}
          rows={4}
          value={form.ipAllowlist}
          onChange={(event) => set("ipAllowlist", event.target.value)}
          aria-invalid={allowlistErrors ? true : undefined}
          aria-describedby={`${id}-ips-help${allowlistErrors ? ` ${id}-ips-error` : ""}`}
          className="block w-full rounded-md border-0 bg-white px-3 py-2 font-mono text-sm ring-1 ring-inset ring-zinc-300 focus:ring-2 focus:ring-indigo-600 dark:bg-zinc-900 dark:ring-zinc-700"
          placeholder={"203.0.113.7\n10.0.0.0/8\n2001:db8::/32"}
        />
        <p id={`${id}-ips-help`} className={help}>
          IPv4 or IPv6 addresses or CIDR ranges, at most 100. Empty: any address. With a list, your API must send the caller&apos;s address as{" "}
          <code>client_ip</code> in each verify call; a call without it is refused.
        </p>
        <Errors id={`${id}-ips-error`} messages={allowlistErrors} />
      </fieldset>

      <fieldset className={fieldset}>
        <legend className={legend}>Limits</legend>
        <TextField
          label="Rate limit (requests per second)"
          inputMode="numeric"
          value={form.rateLimitRps}
          onChange={(event) => set("rateLimitRps", event.target.value)}
          hint="Empty: the plan's per-key rate."
          errors={errors.rateLimitRps}
        />
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={form.creditsEnabled} onChange={(event) => set("creditsEnabled", event.target.checked)} />
          Cap this key&apos;s units with credits
        </label>
        {form.creditsEnabled && (
          <div className="grid gap-3 sm:grid-cols-3">
            <TextField label="Units left" inputMode="numeric" value={form.creditsRemaining} onChange={(event) => set("creditsRemaining", event.target.value)} errors={errors.creditsRemaining} />
            <SelectField
              label="Refill"
              value={form.refill}
              onChange={(event) => set("refill", event.target.value as PolicyForm["refill"])}
              options={[
                { value: "none", label: "Never" },
                { value: "daily", label: "Daily (00:00 UTC)" },
                { value: "monthly", label: "Monthly (1st, 00:00 UTC)" },
              ]}
            />
            {form.refill !== "none" && (
              <TextField label="Units per refill" inputMode="numeric" value={form.refillAmount} onChange={(event) => set("refillAmount", event.target.value)} errors={errors.refillAmount} />
            )}
          </div>
        )}
        <p className={help}>A key out of credits is refused with 429 quota_exceeded until its next refill.</p>
      </fieldset>

    </>
  );
}
