import { expect, test } from "@playwright/test";
import { REDIRECT_BYPASSES } from "../../lib/auth/redirect-bypasses";
import { alice, storageStateOf } from "../support/users";

// Finding 1 of the security review: a signed-in user sent to
// /login?callbackUrl=/%09/evil.example was redirected to http://evil.example/.
// Each bypass of the corpus is followed by Chromium itself (its URL parser is
// the one that strips tabs and reads backslashes as slashes), and every
// request it makes must stay on the app's origin.
test.use({ storageState: storageStateOf(alice) });

/** Pages following the corpus at once: each bypass mostly waits on the server's redirect and the page it lands on. */
const PAGES = 3;

test("a signed-in user sent to /login?callbackUrl=<bypass> stays on the app's origin, for every bypass of the corpus", async ({ page, context, baseURL }) => {
  // 57 full sign-in redirects, three at a time: under a minute on a quiet 2-core machine.
  test.setTimeout(300_000);
  const origin = new URL(baseURL!).origin;
  const escapes: string[] = [];
  const queue = [...REDIRECT_BYPASSES];
  const pages = [page, ...(await Promise.all(Array.from({ length: PAGES - 1 }, () => context.newPage())))];
  await Promise.all(
    pages.map(async (tab) => {
      let current = "";
      // Anything leaving the origin is recorded and never sent.
      await tab.route(
        () => true,
        (route) => {
          const url = route.request().url();
          if (url.startsWith(`${origin}/`)) return route.continue();
          escapes.push(`${current} → ${url}`);
          return route.abort();
        },
      );
      for (let bypass = queue.shift(); bypass !== undefined; bypass = queue.shift()) {
        current = bypass;
        await tab.goto(`/login?callbackUrl=${bypass}`).catch(() => undefined);
        await tab.waitForLoadState("load").catch(() => undefined);
        if (new URL(tab.url()).origin !== origin) escapes.push(`${bypass} → ended on ${tab.url()}`);
      }
    }),
  );
  expect(escapes).toEqual([]);
  // And the ordinary case still works: the page asked for.
  await page.goto(`/login?callbackUrl=${encodeURIComponent("/projects?view=all")}`);
  await expect(page).toHaveURL(`${origin}/projects?view=all`);
});
