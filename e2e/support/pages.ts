import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import type { Target } from "./app-client";

// What the specs that visit every page share: how a route's dynamic segments
// are filled with a real project, and what counts as an axe failure.

const SEVERE = new Set(["serious", "critical"]);

/** The page's serious and critical axe violations, each with up to five of the elements it names. */
export async function severeViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => SEVERE.has(v.impact ?? ""))
    .map((v) => ({ rule: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(" ")).slice(0, 5) }));
}

const PARAMS: Record<string, (t: Target) => string> = { slug: (t) => t.slug, token: (t) => t.ownerInvitationToken, keyId: (t) => t.keyId };

/** A page route (`/projects/[slug]/keys`) as a URL of the target's; a segment with no value here throws, so a new page cannot be skipped. */
export function concreteRoute(route: string, target: Target): string {
  return route.replace(/\[([^\]]+)\]/g, (_, param: string) => {
    const value = PARAMS[param];
    if (!value) throw new Error(`add a value for the route parameter [${param}] of ${route} to PARAMS in e2e/support/pages.ts`);
    return value(target);
  });
}
