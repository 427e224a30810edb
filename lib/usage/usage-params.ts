// What the Usage tab shows, as it is kept in the URL: the range, one key or
// all, and how many keys get a series of their own. The server render and
// the page read the same parameters; anything unrecognised falls back to the
// default, so a stale or hand-edited link still opens a working page.
// No zod here: the browser bundle imports this module.

import { isRowId } from "../row-id";

export const USAGE_RANGES = ["24h", "7d", "30d", "90d"] as const;
export type UsageRange = (typeof USAGE_RANGES)[number];

export const TOP_N_CHOICES = [5, 10, 20] as const;
export type TopN = (typeof TOP_N_CHOICES)[number];

export type UsageParams = { range: UsageRange; keyId: string | null; top: TopN };

export const DEFAULT_USAGE_PARAMS: UsageParams = { range: "7d", keyId: null, top: 5 };

type SearchParams = Record<string, string | string[] | undefined>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export function parseUsageParams(params: SearchParams): UsageParams {
  const range = first(params.range);
  const key = first(params.key);
  const top = Number(first(params.top));
  return {
    range: USAGE_RANGES.find((r) => r === range) ?? DEFAULT_USAGE_PARAMS.range,
    keyId: key && isRowId(key) ? key : null,
    top: TOP_N_CHOICES.find((n) => n === top) ?? DEFAULT_USAGE_PARAMS.top,
  };
}

/** The query string for `params`, defaults left out so the plain tab URL stays plain. */
export function usageParamsQuery(params: UsageParams): string {
  const query = new URLSearchParams();
  if (params.range !== DEFAULT_USAGE_PARAMS.range) query.set("range", params.range);
  if (params.keyId) query.set("key", params.keyId);
  if (params.top !== DEFAULT_USAGE_PARAMS.top) query.set("top", String(params.top));
  const text = query.toString();
  return text ? `?${text}` : "";
}

/** True when the URL's query says exactly `params` (nothing unknown, nothing fallen back to a default, no default spelled out). */
export function isCanonicalUsageQuery(search: SearchParams, params: UsageParams): boolean {
  const canonical = new URLSearchParams(usageParamsQuery(params));
  const given = Object.entries(search).filter(([, value]) => value !== undefined);
  return given.length === canonical.size && given.every(([name, value]) => typeof value === "string" && canonical.get(name) === value);
}
