import type { KeyListParams } from "@/lib/keys/list-params";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select";
import type { SearchNote } from "./use-key-list-state";

const STATUS_OPTIONS = [
  { value: "all", label: "All statuses" },
  { value: "active", label: "Active" },
  { value: "expiring", label: "Expiring soon" },
  { value: "expired", label: "Expired" },
  { value: "revoked", label: "Revoked" },
];
const ENVIRONMENT_OPTIONS = [
  { value: "all", label: "All environments" },
  { value: "live", label: "Live" },
  { value: "test", label: "Test" },
];
const SORT_OPTIONS = [
  { value: "newest", label: "Newest first" },
  { value: "oldest", label: "Oldest first" },
  { value: "name", label: "Name (A–Z)" },
  { value: "last_used", label: "Recently used" },
];

const NOTES: Record<Exclude<SearchNote, null>, string> = {
  hashing: "Hashing the key in your browser…",
  fragment: "Part of a key is not searched, nor sent. Paste the whole key: only its SHA-256 leaves your browser.",
  "no-crypto": "This page cannot hash a key (Web Crypto needs HTTPS), so nothing was sent. Search by name or hint instead.",
};

export function KeyFiltersBar({
  params,
  search,
  note,
  onSearch,
  onClearSearch,
  onParam,
}: {
  params: KeyListParams;
  search: string;
  note: SearchNote;
  onSearch: (text: string) => void;
  onClearSearch: () => void;
  onParam: (name: "status" | "environment" | "sort", value: string) => void;
}) {
  const hashed = Boolean(params.key_hash);
  return (
    <div role="search" className="mt-6 grid gap-3 sm:grid-cols-2 lg:grid-cols-[minmax(0,2fr)_repeat(3,minmax(0,1fr))]">
      <div className="flex items-start gap-2 sm:col-span-2 lg:col-span-1">
        {hashed ? (
          // A pasted key is shown as what it became, never as itself.
          <TextField label="Search" className="min-w-0 flex-1" readOnly value="Full key (hashed)" hint="Only the key's SHA-256 was sent; the key stayed in your browser." />
        ) : (
          <TextField
            label="Search"
            className="min-w-0 flex-1"
            type="search"
            placeholder="Part of a name or hint, or a whole key"
            value={search}
            onChange={(event) => onSearch(event.target.value)}
            hint={note && note !== "no-crypto" ? NOTES[note] : undefined}
            errors={note === "no-crypto" ? [NOTES[note]] : undefined}
            autoComplete="off"
            spellCheck={false}
          />
        )}
        {(hashed || search) && (
          <Button variant="secondary" className="mt-6 shrink-0" onClick={onClearSearch}>
            Clear search
          </Button>
        )}
      </div>
      <SelectField label="Status" options={STATUS_OPTIONS} value={params.status} onChange={(event) => onParam("status", event.target.value)} />
      <SelectField label="Environment" options={ENVIRONMENT_OPTIONS} value={params.environment} onChange={(event) => onParam("environment", event.target.value)} />
      <SelectField label="Sort by" options={SORT_OPTIONS} value={params.sort} onChange={(event) => onParam("sort", event.target.value)} />
    </div>
  );
}
