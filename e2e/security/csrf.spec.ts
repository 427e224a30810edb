import { expect, test, type Page, type Request } from "@playwright/test";
import { query } from "../support/db";
import { createProjectViaUi } from "../support/projects";
import { sessionCookie } from "../support/session";
import { uniqueName } from "../support/sign-in";
import { appRoutes, fillRoute, UNKNOWN_PUBLISHABLE_KEY, UNKNOWN_INVITATION_TOKEN } from "../support/routes";
import { autoSubmittingForm, startAttackerSite } from "../support/attacker-site";
import { alice, storageStateOf } from "../support/users";

// Alice, signed in, visits an attacker's pages. They are served from
// 127.0.0.1:3310 (another site: SameSite=Lax keeps her cookie off cross-site
// POSTs) and from localhost:3310 (the same site, another origin: her cookie
// goes along, so only the Origin check stands in the way).
test.describe.configure({ mode: "serial" });
test.use({ storageState: storageStateOf(alice) });

const REFUSED = { error: { code: "forbidden", message: "Cross-site request refused." } };
let attacker: Awaited<ReturnType<typeof startAttackerSite>>;

test.beforeAll(async () => {
  attacker = await startAttackerSite(3310);
});
test.afterAll(async () => {
  await attacker.close();
});

async function sessionExists(token: string) {
  return (await query(`select 1 from sessions where session_token = $1`, [token])).length === 1;
}

async function projectName(projectId: string) {
  const [row] = await query<{ name: string }>(`select name from projects where id = $1`, [projectId]);
  return row?.name;
}

/** Renames the project through the UI and returns the server action request the page sent. */
async function genuineRename(page: Page, slug: string, name: string): Promise<Request> {
  await page.goto(`/projects/${slug}/settings`);
  const sent = page.waitForRequest((r) => r.method() === "POST" && Boolean(r.headers()["next-action"]));
  await page.getByLabel("Project name").fill(name);
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  return sent;
}

test("form posts from other origins cannot sign the user out", async ({ page, context, baseURL }) => {
  const cookie = (await sessionCookie(context))!;
  for (const [origin, target] of [
    [attacker.crossSite, "/auth/sign-out"],
    [attacker.sameSite, "/auth/sign-out"],
    // next-auth's own endpoint checks its double-submit CSRF token instead.
    [attacker.sameSite, "/api/auth/signout"],
  ] as const) {
    attacker.serve("/sign-out", autoSubmittingForm(`${baseURL}${target}`, { callbackUrl: "/" }));
    const answered = page.waitForResponse((r) => new URL(r.url()).pathname === target);
    await page.goto(`${origin}/sign-out`);
    const response = await answered;
    if (target === "/auth/sign-out") {
      expect(response.status()).toBe(403);
      expect(await response.json()).toEqual(REFUSED);
    }
    expect(await sessionExists(cookie.value), `${origin} → ${target}`).toBe(true);
  }
  await page.goto("/projects");
  await expect(page).toHaveURL(/\/projects$/);
});

test("server actions: cross-site forms and fetches, and replays without the app's Origin, change nothing", async ({ page, baseURL }) => {
  const { slug, projectId } = await createProjectViaUi(page, uniqueName("CSRF target"));
  const current = uniqueName("Renamed");
  const genuine = await genuineRename(page, slug, current);
  const actionId = genuine.headers()["next-action"]!;
  const evilBody = genuine.postData()!.replace(current, "Hijacked");
  expect(evilBody).toContain(projectId);
  const target = `${baseURL}/projects/${slug}/settings`;

  for (const origin of [attacker.crossSite, attacker.sameSite]) {
    // 1. Plain HTML forms: the no-JavaScript server action encoding (multipart
    //    with $ACTION_ID_…), and a url-encoded post to the action's page.
    const fields = { [`$ACTION_ID_${actionId}`]: "", projectId, name: "Hijacked" };
    attacker.serve("/multipart", autoSubmittingForm(target, fields, "multipart/form-data"));
    attacker.serve("/urlencoded", autoSubmittingForm(target, { projectId, name: "Hijacked" }));
    for (const path of ["/multipart", "/urlencoded"]) {
      const answered = page.waitForResponse((r) => r.url() === target && r.request().method() === "POST");
      await page.goto(`${origin}${path}`);
      await answered;
      expect(await projectName(projectId), `${origin}${path}`).toBe(current);
    }

    // 2. Scripts: no-cors (the browser drops the Next-Action header) and cors
    //    (the preflight is not answered, so the POST is never sent).
    attacker.serve("/fetch", `<!doctype html><title>…</title><script>
      const init = { method: "POST", credentials: "include", headers: { "Next-Action": ${JSON.stringify(actionId)}, "Content-Type": "text/plain;charset=UTF-8" }, body: ${JSON.stringify(evilBody)} };
      Promise.allSettled([fetch(${JSON.stringify(target)}, { ...init, mode: "no-cors" }), fetch(${JSON.stringify(target)}, { ...init, mode: "cors" })])
        .then((results) => { document.title = results.map((r) => r.status).join(","); });
    </script>`);
    await page.goto(`${origin}/fetch`);
    await expect(page).toHaveTitle("fulfilled,rejected");
    expect(await projectName(projectId), `${origin}/fetch`).toBe(current);
  }

  // 3. The genuine request replayed with Alice's cookie: without an Origin (a
  //    hand-made request, or a browser that drops it) and with foreign ones.
  const headers = {
    "next-action": actionId,
    "next-router-state-tree": genuine.headers()["next-router-state-tree"] ?? "",
    "content-type": genuine.headers()["content-type"] ?? "text/plain;charset=UTF-8",
    accept: "text/x-component",
  };
  for (const origin of [undefined, attacker.crossSite, attacker.sameSite, "null"]) {
    const response = await page.request.post(target, { headers: origin ? { ...headers, origin } : headers, data: evilBody });
    if (origin === undefined) expect(await response.text()).toContain(REFUSED.error.message);
    else expect(response.status()).toBeGreaterThanOrEqual(400); // Next.js: "Invalid Server Actions request."
    expect(await projectName(projectId), `replay with Origin ${origin}`).toBe(current);
  }
  // The same replay with the app's own Origin goes through: the refusals above were about the Origin alone.
  await page.request.post(target, { headers: { ...headers, origin: baseURL! }, data: evilBody });
  expect(await projectName(projectId)).toBe("Hijacked");
});

test("every cookie-authenticated route handler refuses writes without the app's Origin", async ({ page, context }) => {
  const cookie = (await sessionCookie(context))!;
  const { slug, projectId } = await createProjectViaUi(page, uniqueName("CSRF routes"));
  const handlers = appRoutes()
    .filter((route) => route.kind === "route")
    .map((route) => fillRoute(route.pattern, { slug, projectId, nextauth: "session", publishableKey: UNKNOWN_PUBLISHABLE_KEY, token: UNKNOWN_INVITATION_TOKEN }))
    // next-auth (own CSRF token), the back-channel logout (a signed token, no
    // cookie) and the embed page (GET only, its own cookie) are not
    // cookie-authenticated writes.
    .filter((url) => !/^\/(api\/auth|auth\/backchannel-logout|embed)\//.test(`${url}/`));
  expect(handlers).toContain("/auth/sign-out");
  let checked = 0;
  for (const url of handlers) {
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
      for (const origin of [undefined, attacker.crossSite, attacker.sameSite, "null"]) {
        const response = await page.request.fetch(url, { method, headers: origin ? { origin } : {}, data: "{}", maxRedirects: 0 });
        const what = `${method} ${url} with Origin ${origin}`;
        checked += 1;
        // 403 with the error body, or 405 where the handler has no such method at all.
        expect([403, 405], what).toContain(response.status());
        if (response.status() === 403) expect(await response.json(), what).toEqual(REFUSED);
      }
    }
  }
  expect(await sessionExists(cookie.value)).toBe(true);
  test.info().annotations.push({ type: "requests", description: `${checked} on ${handlers.length} handlers` });
});
