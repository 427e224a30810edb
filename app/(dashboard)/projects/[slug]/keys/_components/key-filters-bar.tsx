import type { KeyFilters } from "@/lib/client/query-keys";
import { TextField } from "@/components/ui/field";
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
      <TextField
        label="Search"
        type="search"
        placeholder="Name or key prefix (kd_live_AbCd)"
        value={search}
        onChange={(event) => onSearch(event.target.value)}
      />
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
