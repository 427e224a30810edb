import { z } from "zod";
import { classifySearchText, KEY_HASH } from "./shape";

// The keys list's state as it stands in the page's URL and in the list API's
// query string: `?status=revoked&environment=live&q=billing&sort=name`, or
// `?key_hash=<sha256>` for a pasted key (its plaintext never leaves the
// browser). One module for the page, the API route and the browser, so a
// shared link shows the list its sender saw.

export const KEY_STATUS_FILTERS = ["all", "active", "expiring", "expired", "revoked"] as const;
export type KeyStatusFilter = (typeof KEY_STATUS_FILTERS)[number];
export const KEY_ENVIRONMENT_FILTERS = ["all", "live", "test"] as const;
export const KEY_SORTS = ["newest", "oldest", "name", "last_used"] as const;
export type KeySort = (typeof KEY_SORTS)[number];

const searchTerm = z
  .string()
  .trim()
  .max(64)
  .refine((q) => !/[\u0000-\u001f\u007f]/.test(q))
  // The browser sends a pasted key as key_hash; a key in `q` would already
  // have been written to request logs on its way here, so it is refused
  // rather than served, and the client's bug shows.
  .refine((q) => classifySearchText(q).kind === "text", { error: "Send a key's SHA-256 as key_hash, never the key itself." });

const listFields = {
  status: z.enum(KEY_STATUS_FILTERS).default("all"),
  environment: z.enum(KEY_ENVIRONMENT_FILTERS).default("all"),
  q: searchTerm.default(""),
  key_hash: z.string().regex(KEY_HASH).optional(),
  sort: z.enum(KEY_SORTS).default("newest"),
};

/** The list API's query: anything out of shape is refused (400). */
export const listKeysQuery = z.object({
  ...listFields,
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
export type ListKeysQuery = z.infer<typeof listKeysQuery>;

/** What the URL may say about the list (no page position: a link shows the first page). */
export type KeyListParams = Pick<ListKeysQuery, "status" | "environment" | "q" | "key_hash" | "sort">;

export const DEFAULT_KEY_LIST_PARAMS: KeyListParams = { status: "all", environment: "all", q: "", key_hash: undefined, sort: "newest" };

type RawParams = URLSearchParams | Record<string, string | string[] | undefined>;

function rawValue(raw: RawParams, name: string): unknown {
  return raw instanceof URLSearchParams ? (raw.get(name) ?? undefined) : raw[name];
}

/**
 * The list's state from a page URL. Unlike the API, a page never fails on its
 * query: each parameter that is missing, repeated or out of shape falls back
 * to its default, so an old or hand-edited link still opens the list.
 * A key hash wins over a search term; a key pasted into `q` is dropped.
 */
export function parseKeyListParams(raw: RawParams): KeyListParams {
  const field = <K extends keyof KeyListParams>(name: K): KeyListParams[K] => {
    const parsed = listFields[name].safeParse(rawValue(raw, name));
    return (parsed.success ? parsed.data : DEFAULT_KEY_LIST_PARAMS[name]) as KeyListParams[K];
  };
  const key_hash = field("key_hash");
  return { status: field("status"), environment: field("environment"), q: key_hash ? "" : field("q"), key_hash, sort: field("sort") };
}

/** The list's state as a query string ("" for the default list), parameters in a fixed order and defaults left out. */
export function keyListSearch(params: KeyListParams): string {
  const entries: [string, string][] = [];
  for (const name of ["status", "environment", "q", "key_hash", "sort"] as const) {
    const value = params[name];
    if (value !== undefined && value !== DEFAULT_KEY_LIST_PARAMS[name]) entries.push([name, value]);
  }
  return entries.length ? `?${new URLSearchParams(entries)}` : "";
}

export const sameKeyListParams = (a: KeyListParams, b: KeyListParams) => keyListSearch(a) === keyListSearch(b);

/** Whether the list shows less than every key (the order does not count). */
export const isFilteredKeyList = (params: KeyListParams) => keyListSearch({ ...params, sort: DEFAULT_KEY_LIST_PARAMS.sort }) !== "";
