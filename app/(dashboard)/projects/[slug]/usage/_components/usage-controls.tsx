"use client";

import { keyLabel } from "@/lib/usage/chart-model";
import type { KeyOption } from "@/lib/usage/series";
import { TOP_N_CHOICES, type TopN, type UsageParams, type UsageRange } from "@/lib/usage/usage-params";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/select";

const RANGES: Array<{ value: UsageRange; label: string }> = [
  { value: "24h", label: "24 hours" },
  { value: "7d", label: "7 days" },
  { value: "30d", label: "30 days" },
  { value: "90d", label: "90 days" },
];

const ALL_KEYS = "";

/** What the Usage tab shows (range, key, top-N), and its export, which follows the key filter. */
export function UsageControls({
  params,
  keyOptions,
  onChange,
  onExport,
  exporting,
}: {
  params: UsageParams;
  keyOptions: KeyOption[];
  onChange: (next: Partial<UsageParams>) => void;
  onExport: () => void;
  exporting: boolean;
}) {
  return (
    <div className="flex flex-wrap items-end gap-4">
      <div role="group" aria-label="Time range" className="inline-flex rounded-lg bg-zinc-100 p-1 dark:bg-zinc-800">
        {RANGES.map((option) => (
          <button
            key={option.value}
            type="button"
            aria-pressed={params.range === option.value}
            onClick={() => onChange({ range: option.value })}
            className={`rounded-md px-3 py-1.5 text-sm font-medium ${
              params.range === option.value ? "bg-white shadow-xs dark:bg-zinc-950" : "text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100"
            }`}
          >
            {option.label}
          </button>
        ))}
      </div>
      <SelectField
        label="Key"
        className="w-full min-w-0 sm:w-64"
        value={params.keyId ?? ALL_KEYS}
        onChange={(event) => onChange({ keyId: event.target.value || null })}
        options={[{ value: ALL_KEYS, label: "All keys" }, ...keyOptions.map((k) => ({ value: k.keyId, label: keyLabel(k) }))]}
      />
      <SelectField
        label="Keys shown separately"
        className="w-full sm:w-48"
        value={String(params.top)}
        onChange={(event) => onChange({ top: Number(event.target.value) as TopN })}
        options={TOP_N_CHOICES.map((n) => ({ value: String(n), label: `Top ${n} keys` }))}
      />
      <Button variant="secondary" className="sm:ml-auto" pending={exporting} onClick={onExport}>
        {params.keyId ? "Export CSV (selected key only)" : "Export CSV (all keys)"}
      </Button>
    </div>
  );
}
