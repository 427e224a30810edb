"use client";

import type { Overlap } from "@/lib/keys/schemas";

const OVERLAPS: Array<{ value: Overlap; label: string }> = [
  { value: "now", label: "Stop it immediately" },
  { value: "1h", label: "1 hour" },
  { value: "24h", label: "24 hours" },
  { value: "7d", label: "7 days" },
];

/** How long the credential being replaced keeps working: the rotation choices of keys and signing secrets. */
export function OverlapField({ legend, value, onChange }: { legend: string; value: Overlap; onChange: (value: Overlap) => void }) {
  return (
    <fieldset>
      <legend className="text-sm font-medium">{legend}</legend>
      <div className="mt-2 grid grid-cols-2 gap-2">
        {OVERLAPS.map((choice) => (
          <label key={choice.value} className="flex items-center gap-2 rounded-md px-3 py-2 text-sm ring-1 ring-zinc-200 dark:ring-zinc-700">
            <input
              type="radio"
              name="overlap"
              value={choice.value}
              checked={value === choice.value}
              onChange={() => onChange(choice.value)}
              className="size-4"
            />
            {choice.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
