import { expect, test } from "@playwright/test";
import { REDIRECT_BYPASSES } from "../../lib/auth/redirect-bypasses";
import { alice, storageStateOf } from "../support/users";

// Finding 1 of the security review: a signed-in user sent to
// /login?callbackUrl=/%09/evil.example was redirected to http://evil.example/.
// Each bypass of the corpus is followed by Chromium itself (its URL parser is
// the one that strips tabs and reads backslashes as slashes), and every
// request it makes must stay on the app's origin.
test.use({ storageState: storageStateOf(alice) });

test("a signed-in user sent to /login?callbackUrl=<bypass> stays on the app's origin, for every bypass of the corpus", async ({ page, baseURL }) => {
  // 57 full sign-in redirects: about 1.6 min on a quiet 2-core machine, over 2 min on a busy one.
  test.setTimeout(300_000);
  const origin = new URL(baseURL!).origin;
  const escapes: string[] = [];
  let current = "";
  // Anything leaving the origin is recorded and never sent.
  await page.route(
    () => true,
    (route) => {
      const url = route.request().url();
      if (url.startsWith(`${origin}/`)) return route.continue();
      escapes.push(`${current} → ${url}`);
      return route.abort();
    },
  );
  for (const bypass of REDIRECT_BYPASSES) {
    current = bypass;
    await page.goto(`/login?callbackUrl=${bypass}`).catch(() => undefined);
    await page.waitForLoadState("load").catch(() => undefined);
    if (new URL(page.url()).origin !== origin) escapes.push(`${bypass} → ended on ${page.url()}`);
  }
  expect(escapes).toEqual([]);
  // And the ordinary case still works: the page asked for.
  await page.goto(`/login?callbackUrl=${encodeURIComponent("/projects?view=all")}`);
  await expect(page).toHaveURL(`${origin}/projects?view=all`);
});
