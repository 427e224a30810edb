import type { KeyFilters } from "@/lib/client/query-keys";
import { SelectField } from "@/components/ui/select";

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

export function KeyFiltersBar({
  search,
  onSearch,
  filters,
  onFilter,
}: {
  search: string;
  onSearch: (text: string) => void;
  filters: KeyFilters;
  onFilter: (name: "status" | "environment", value: string) => void;
}) {
  return (
    <div role="search" className="mt-6 grid gap-3 sm:grid-cols-[1fr_auto_auto]">
      <div>
        <label htmlFor="key-search" className="block text-sm font-medium text-zinc-800 dark:text-zinc-200">
          Search
        </label>
        <input
          id="key-search"
          type="search"
          placeholder="Name or key prefix (kd_live_AbCd)"
          value={search}
          onChange={(event) => onSearch(event.target.value)}
          className="mt-1 block w-full rounded-md border-0 bg-white px-3 py-2 text-sm shadow-xs ring-1 ring-inset ring-zinc-300 focus:ring-2 focus:ring-indigo-600 dark:bg-zinc-900 dark:ring-zinc-700"
        />
      </div>
      <SelectField label="Status" options={STATUS_OPTIONS} value={filters.status} onChange={(event) => onFilter("status", event.target.value)} />
      <SelectField
        label="Environment"
        options={ENVIRONMENT_OPTIONS}
        value={filters.environment}
        onChange={(event) => onFilter("environment", event.target.value)}
      />
    </div>
  );
}
