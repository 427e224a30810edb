// The verify body's `permissions` query: names joined by AND and OR, with
// parentheses (`charges.write AND (refunds.read OR refunds.write)`). AND binds
// tighter than OR. Keydeck's own grammar, so it is parsed here: one pass over
// the characters, no regular expression per token, bounded in terms and depth
// so that a hostile query costs the service microseconds, never a stack.

/** A permission name: letters, digits, `.`, `_`, `-`, `*` (a wildcard in a key's grants). */
export const PERMISSION_NAME = /^[A-Za-z0-9._*-]{1,64}$/;
export const MAX_PERMISSION_NAME_LENGTH = 64;
export const MAX_QUERY_TERMS = 64;
export const MAX_QUERY_DEPTH = 8;
export const MAX_QUERY_LENGTH = 4096;

export type PermissionQuery =
  | { kind: "name"; name: string }
  | { kind: "and"; items: PermissionQuery[] }
  | { kind: "or"; items: PermissionQuery[] };

export type QueryParse = { ok: true; query: PermissionQuery } | { ok: false; message: string };

const isNameChar = (c: number) =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 46 || c === 95 || c === 45 || c === 42;
const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;

class QuerySyntaxError extends Error {}

/** Parses a query, or says what is wrong and at which character (1-based). */
export function parsePermissionQuery(text: string): QueryParse {
  if (text.length > MAX_QUERY_LENGTH) return { ok: false, message: `permissions must be at most ${MAX_QUERY_LENGTH} characters.` };
  try {
    return { ok: true, query: new Parser(text).parse() };
  } catch (error) {
    if (error instanceof QuerySyntaxError) return { ok: false, message: error.message };
    throw error;
  }
}

type Token = { kind: "name" | "and" | "or" | "open" | "close" | "end"; text: string; at: number };

class Parser {
  private pos = 0;
  private token: Token;
  private terms = 0;

  constructor(private readonly text: string) {
    this.token = this.next();
  }

  parse(): PermissionQuery {
    if (this.token.kind === "end") this.fail("permissions is empty: expected a permission name", this.token.at);
    const query = this.or(1);
    // Re-read through a method: TypeScript narrowed `token` before the calls that move it.
    const rest = this.current();
    if (rest.kind !== "end") this.fail(`expected AND, OR or the end of the query but found ${describe(rest)}`, rest.at);
    return query;
  }

  private or(depth: number): PermissionQuery {
    const items = [this.and(depth)];
    while (this.token.kind === "or") {
      this.advance();
      items.push(this.and(depth));
    }
    return items.length === 1 ? items[0]! : { kind: "or", items };
  }

  private and(depth: number): PermissionQuery {
    const items = [this.term(depth)];
    while (this.token.kind === "and") {
      this.advance();
      items.push(this.term(depth));
    }
    return items.length === 1 ? items[0]! : { kind: "and", items };
  }

  private term(depth: number): PermissionQuery {
    const token = this.token;
    if (token.kind === "open") {
      if (depth >= MAX_QUERY_DEPTH) this.fail(`parentheses nest deeper than ${MAX_QUERY_DEPTH} levels`, token.at);
      this.advance();
      const inner = this.or(depth + 1);
      if (this.token.kind !== "close") this.fail(`expected ) to close the ( at position ${token.at + 1} but found ${describe(this.token)}`, this.token.at);
      this.advance();
      return inner;
    }
    if (token.kind !== "name") this.fail(`expected a permission name or ( but found ${describe(token)}`, token.at);
    if (token.text.length > MAX_PERMISSION_NAME_LENGTH) this.fail(`a permission name is at most ${MAX_PERMISSION_NAME_LENGTH} characters`, token.at);
    if (++this.terms > MAX_QUERY_TERMS) this.fail(`a query has at most ${MAX_QUERY_TERMS} permission names`, token.at);
    this.advance();
    return { kind: "name", name: token.text };
  }

  private current(): Token {
    return this.token;
  }

  private advance(): void {
    this.token = this.next();
  }

  private next(): Token {
    const { text } = this;
    while (this.pos < text.length && isSpace(text.charCodeAt(this.pos))) this.pos++;
    const at = this.pos;
    if (at >= text.length) return { kind: "end", text: "", at };
    const c = text.charCodeAt(at);
    if (c === 40 || c === 41) {
      this.pos++;
      return { kind: c === 40 ? "open" : "close", text: text[at]!, at };
    }
    if (!isNameChar(c)) this.fail(`unexpected character ${JSON.stringify(text[at])}`, at);
    while (this.pos < text.length && isNameChar(text.charCodeAt(this.pos))) this.pos++;
    const word = text.slice(at, this.pos);
    if (word === "AND") return { kind: "and", text: word, at };
    if (word === "OR") return { kind: "or", text: word, at };
    return { kind: "name", text: word, at };
  }

  private fail(what: string, at: number): never {
    throw new QuerySyntaxError(`permissions: ${what} at position ${at + 1}.`);
  }
}

function describe(token: Token): string {
  if (token.kind === "end") return "the end of the query";
  return token.kind === "name" ? `"${token.text}"` : token.text;
}

/**
 * The names a key lacks for the query, or null when it satisfies it. For an
 * OR that fails, every alternative's missing names are listed: any one
 * alternative would have done.
 */
export function missingPermissions(query: PermissionQuery, held: ReadonlySet<string>): string[] | null {
  if (satisfies(query, held)) return null;
  const missing = new Set<string>();
  collectMissing(query, held, missing);
  return [...missing];
}

function satisfies(query: PermissionQuery, held: ReadonlySet<string>): boolean {
  switch (query.kind) {
    case "name":
      return held.has(query.name);
    case "and":
      for (const item of query.items) if (!satisfies(item, held)) return false;
      return true;
    case "or":
      for (const item of query.items) if (satisfies(item, held)) return true;
      return false;
  }
}

function collectMissing(query: PermissionQuery, held: ReadonlySet<string>, into: Set<string>): void {
  if (query.kind === "name") {
    if (!held.has(query.name)) into.add(query.name);
    return;
  }
  for (const item of query.items) if (!satisfies(item, held)) collectMissing(item, held, into);
}

/**
 * Parsed queries by their text: integrators send the same few queries on
 * every request, so each is parsed once. Bounded, least recently used first
 * out (a Map keeps insertion order; a hit moves its entry to the back).
 */
export class PermissionQueryCache {
  private readonly entries = new Map<string, QueryParse>();
  private last: string | null = null;

  constructor(private readonly maxEntries = 1000) {}

  parse(text: string): QueryParse {
    const cached = this.entries.get(text);
    if (cached !== undefined) {
      // Moving costs a delete and a set: only when it is not already the newest.
      if (this.last !== text) {
        this.entries.delete(text);
        this.entries.set(text, cached);
        this.last = text;
      }
      return cached;
    }
    const parsed = parsePermissionQuery(text);
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(text, parsed);
    this.last = text;
    return parsed;
  }

  get size(): number {
    return this.entries.size;
  }
}
