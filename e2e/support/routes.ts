import { readdirSync } from "node:fs";
import path from "node:path";

export type AppRoute = { kind: "page" | "route"; pattern: string };

/**
 * Every page and route handler of the App Router, read from app/ so that a
 * new route is covered without editing the tests: `/projects/[slug]/keys`
 * (route groups dropped). Private folders (`_components`) hold neither.
 */
export function appRoutes(dir = "app", prefix = ""): AppRoute[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry): AppRoute[] => {
    if (entry.isDirectory()) {
      if (entry.name.startsWith("_")) return [];
      const segment = /^\(.*\)$/.test(entry.name) ? "" : `/${entry.name}`;
      return appRoutes(path.join(dir, entry.name), prefix + segment);
    }
    const kind = /^page\.(tsx|ts|jsx|js)$/.test(entry.name) ? "page" : /^route\.(ts|js)$/.test(entry.name) ? "route" : null;
    return kind ? [{ kind, pattern: prefix || "/" }] : [];
  });
}

/** A concrete URL for a route pattern: each `[param]` / `[...param]` from `values`. */
export function fillRoute(pattern: string, values: Record<string, string>): string {
  return pattern.replace(/\[(?:\.\.\.)?([^\]]+)\]/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`no value for [${name}] in ${pattern}: add one to the test`);
    return value;
  });
}

/** A well-formed invitation token that names no invitation, for /invitations/[token]. */
export const UNKNOWN_INVITATION_TOKEN = "0".repeat(43);

/** A well-formed row id that names no key, for /projects/[slug]/keys/[keyId]. */
export const UNKNOWN_KEY_ID = "c0000000000000000000000000";

/** A well-formed publishable key that names no embed, for routes under /embed/. */
export const UNKNOWN_PUBLISHABLE_KEY = `kd_pk_${"0".repeat(24)}`;
