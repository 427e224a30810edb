/**
 * The one way the dashboard's client code reads from its own API: GET, never
 * from the HTTP cache (the figures change while the page is open), and a
 * non-2xx answer becomes an Error carrying `failure`, the sentence the page
 * shows, so React Query sees a failed read instead of an error body as data.
 */
export async function fetchJson<T>(path: string, failure: string, params?: Record<string, string | undefined>): Promise<T> {
  const response = await fetch(withParams(path, params), { cache: "no-store" });
  if (!response.ok) throw new Error(failure);
  return (await response.json()) as T;
}

/** Appends the defined parameters, encoded, as a query string. */
export function withParams(path: string, params?: Record<string, string | undefined>): string {
  const defined = Object.entries(params ?? {}).filter((entry): entry is [string, string] => entry[1] !== undefined);
  return defined.length ? `${path}?${new URLSearchParams(defined)}` : path;
}
