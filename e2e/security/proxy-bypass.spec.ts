import { expect, test } from "@playwright/test";
import { createProjectViaUi } from "../support/projects";
import { uniqueName } from "../support/sign-in";
import { SESSION_COOKIE } from "../support/session";
import { appRoutes, fillRoute, UNKNOWN_KEY_ID, UNKNOWN_PUBLISHABLE_KEY, UNKNOWN_INVITATION_TOKEN } from "../support/routes";
import { alice, storageStateOf } from "../support/users";

// Headers that have made Next.js skip its middleware/proxy or treat a request
// as internal (CVE-2025-29927 and relatives). Keydeck's proxy checks nobody,
// and every layout, page, action and handler checks the session itself, so
// none of them may get data to a request without a session.
const BYPASS_HEADERS: Record<string, string>[] = [
  { "x-middleware-subrequest": "middleware" },
  { "x-middleware-subrequest": "middleware:middleware:middleware:middleware:middleware" },
  { "x-middleware-subrequest": "proxy:proxy:proxy:proxy:proxy" },
  { "x-middleware-subrequest": "src/middleware:src/middleware:src/middleware:src/middleware:src/middleware" },
  { "x-nextjs-data": "1" },
  { "x-invoke-path": "/projects", "x-invoke-query": "{}", "x-invoke-output": "/projects" },
  { "x-middleware-prefetch": "1" },
  { "x-middleware-rewrite": "/projects" },
  { "x-middleware-next": "1" },
  { "x-now-route-matches": "1" },
  { rsc: "1", "next-router-prefetch": "1" },
];

let project: { slug: string; projectId: string; name: string };

test.beforeAll(async ({ browser }) => {
  const context = await browser.newContext({ storageState: storageStateOf(alice) });
  const name = uniqueName("Bypass Secret");
  project = { name, ...(await createProjectViaUi(await context.newPage(), name)) };
  await context.close();
});

// The project's name is known only to its owner (its slug and id are in the URLs asked for).
function expectNoData(body: string, what: string) {
  expect(body, what).not.toContain(project.name);
}

test("pages and route handlers give nothing to a request without a session, whatever internal headers it carries", async ({ playwright, baseURL }) => {
  const values = { slug: project.slug, projectId: project.projectId, nextauth: "session", publishableKey: UNKNOWN_PUBLISHABLE_KEY, token: UNKNOWN_INVITATION_TOKEN, keyId: UNKNOWN_KEY_ID };
  const routes = appRoutes()
    .map((route) => ({ ...route, url: fillRoute(route.pattern, values) }))
    // Public by design: the sign-in page, next-auth's endpoints, the home redirect, the token-authenticated logout endpoint.
    .filter((route) => !/^\/(login|api\/auth\/|auth\/backchannel-logout|embed\/|$)/.test(route.url));
  expect(routes.some((route) => route.kind === "route")).toBe(true);
  expect(routes.some((route) => route.kind === "page")).toBe(true);

  const client = await playwright.request.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  let checked = 0;
  const redirects = new Set<string>();
  for (const cookie of [undefined, `${SESSION_COOKIE}=forged-token`]) {
    for (const headers of [{}, ...BYPASS_HEADERS]) {
      const sent: Record<string, string> = cookie ? { ...headers, cookie } : headers;
      for (const route of routes) {
        const what = `GET ${route.url} with ${JSON.stringify(sent)}`;
        const response = await client.get(route.url, { headers: sent, maxRedirects: 0 });
        const body = await response.text();
        checked += 1;
        expectNoData(body, what);
        const prefetch = "next-router-prefetch" in sent || "x-middleware-prefetch" in sent;
        if ("x-middleware-prefetch" in sent && body === "{}") {
          // Next.js answers a middleware prefetch with an empty object before any route runs.
          continue;
        }
        if (route.kind === "route") {
          // JSON handlers answer 401; POST-only handlers 405 before anything else; Next.js
          // itself redirects an RSC prefetch of a route handler (a redirect holds no data).
          const redirected = response.status() >= 300 && response.status() < 400;
          if (redirected) redirects.add(`${response.status()} → ${response.headers().location}`);
          else expect([401, 405], what).toContain(response.status());
          if (response.status() === 401) {
            expect(JSON.parse(body), what).toEqual({ error: { code: "unauthenticated", message: "Sign in to continue." } });
          }
        } else if (!prefetch) {
          // A page sends the visitor to sign in: a redirect, or the same redirect inside an RSC payload.
          // (Prefetches get an empty answer: "{}" or a shell without data.)
          expect(response.headers().location ?? body, what).toContain("/login");
        }
      }
    }
  }
  await client.dispose();
  test.info().annotations.push({ type: "requests", description: String(checked) });
  if (redirects.size) test.info().annotations.push({ type: "route-handler redirects", description: [...redirects].join("; ") });
  console.log(`proxy bypass: ${checked} requests; route-handler redirects: ${[...redirects].join("; ") || "none"}`);
});
