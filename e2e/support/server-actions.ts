import { readFileSync } from "node:fs";
import type { APIRequestContext } from "@playwright/test";

/** A server action as the production build exposes it. */
export type ServerAction = {
  id: string;
  name: string;
  /** The module that exports it, e.g. lib/actions/create-key.ts. */
  file: string;
  /** A page route whose bundle holds it, e.g. /projects/[slug]/keys: the browser posts there. */
  page: string;
};

type Manifest = { node: Record<string, { workers: Record<string, unknown>; filename: string; exportedName: string }> };

/** `app/(dashboard)/projects/[slug]/keys/page` → `/projects/[slug]/keys`. */
export function routeOf(appPath: string): string {
  const segments = appPath
    .replace(/^app\//, "")
    .split("/")
    .slice(0, -1)
    .filter((segment) => !/^\(.*\)$/.test(segment));
  return `/${segments.join("/")}`;
}

/**
 * Every server action of the build, from Next's own manifest: an action id
 * the server would run is listed there, whichever file declares it.
 */
export function builtServerActions(manifestPath = ".next/server/server-reference-manifest.json"): ServerAction[] {
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as Manifest;
  return Object.entries(manifest.node).map(([id, entry]) => {
    const worker = Object.keys(entry.workers).find((path) => path.endsWith("/page")) ?? Object.keys(entry.workers)[0]!;
    return { id, name: entry.exportedName, file: entry.filename, page: routeOf(worker) };
  });
}

// What React's encodeReply does to plain values (the browser's side of the
// protocol): strings that start with "$" are escaped, and values JSON cannot
// hold get "$" names.
function encodeValue(value: unknown): unknown {
  if (typeof value === "string") return value.startsWith("$") ? `$${value}` : value;
  if (value === undefined) return "$undefined";
  if (typeof value === "number" && !Number.isFinite(value)) return Number.isNaN(value) ? "$NaN" : value > 0 ? "$Infinity" : "$-Infinity";
  if (typeof value === "number" && Object.is(value, -0)) return "$-0";
  if (Array.isArray(value)) return value.map(encodeValue);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, encodeValue(item)]));
  }
  return value;
}

/** The body the browser sends for a call with these arguments. */
export function encodeReply(args: unknown[]): string {
  return JSON.stringify(args.map(encodeValue));
}

export type ActionAnswer = {
  status: number;
  contentType: string;
  body: string;
  /** The action's return value, when the response is a Flight stream that carries one. */
  result?: unknown;
  /** Set when the Flight stream carries an error row instead of a value (an exception on the server). */
  errorRow?: string;
};

/**
 * Calls a server action over HTTP exactly as the browser does (recorded from
 * Chromium against Next 16): POST to the page's URL with `Next-Action: <id>`,
 * `Accept: text/x-component`, `Content-Type: text/plain;charset=UTF-8`, an
 * `Origin` equal to the app's (Next refuses a foreign one) and the arguments
 * as a JSON array. `body` replaces the encoded arguments, to send junk.
 */
export async function callAction(
  request: APIRequestContext,
  { action, pageUrl, origin, args = [], body }: { action: Pick<ServerAction, "id">; pageUrl: string; origin: string; args?: unknown[]; body?: string | Buffer },
): Promise<ActionAnswer> {
  const response = await request.post(pageUrl, {
    headers: {
      "Next-Action": action.id,
      Accept: "text/x-component",
      "Content-Type": "text/plain;charset=UTF-8",
      Origin: origin,
    },
    data: body ?? encodeReply(args),
    maxRedirects: 0,
  });
  const bytes = await response.body();
  const contentType = response.headers()["content-type"] ?? "";
  const answer: ActionAnswer = { status: response.status(), contentType, body: bytes.toString("utf8") };
  if (contentType.startsWith("text/x-component")) Object.assign(answer, readFlightResult(bytes));
  return answer;
}

/**
 * Reads an action's return value from a Flight response: row 0 points at the
 * result (`{"a":"$@1",…}`); rows are `<hex id>:<json>\n`, `<hex id>:T<hex
 * byte length>,<text>` for long strings, or `<hex id>:E<json>` for an error.
 */
export function readFlightResult(bytes: Buffer): { result?: unknown; errorRow?: string } {
  const rows = new Map<string, { json?: string; text?: string; error?: string }>();
  let at = 0;
  while (at < bytes.length) {
    const colon = bytes.indexOf(0x3a, at);
    if (colon < 0) break;
    const id = bytes.subarray(at, colon).toString("latin1");
    const tag = bytes[colon + 1];
    if (tag === 0x54 /* T */) {
      const comma = bytes.indexOf(0x2c, colon);
      const length = parseInt(bytes.subarray(colon + 2, comma).toString("latin1"), 16);
      rows.set(id, { text: bytes.subarray(comma + 1, comma + 1 + length).toString("utf8") });
      at = comma + 1 + length;
      continue;
    }
    const end = bytes.indexOf(0x0a, colon);
    const line = bytes.subarray(colon + 1, end < 0 ? bytes.length : end).toString("utf8");
    rows.set(id, /^[A-Z]/.test(line) ? (line[0] === "E" ? { error: line.slice(1) } : {}) : { json: line });
    at = end < 0 ? bytes.length : end + 1;
  }
  const resolve = (value: unknown): unknown => {
    if (typeof value === "string" && value.startsWith("$")) {
      if (value.startsWith("$$")) return value.slice(1);
      if (value === "$undefined") return undefined;
      const ref = /^\$@?([0-9a-f]+)$/.exec(value);
      if (ref) return row(ref[1]!);
      return value;
    }
    if (Array.isArray(value)) return value.map(resolve);
    if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v)]));
    return value;
  };
  let errorRow: string | undefined;
  const row = (id: string): unknown => {
    const found = rows.get(id);
    if (found?.error !== undefined) errorRow = found.error;
    if (found?.text !== undefined) return found.text;
    return found?.json === undefined ? undefined : resolve(JSON.parse(found.json));
  };
  const root = row("0") as { a?: unknown } | undefined;
  return { result: root?.a, errorRow };
}
