import { expect, test, type Page } from "@playwright/test";
import { pageRoutes } from "./support/app-code";
import { clientFor, createTarget } from "./support/app-client";
import { concreteRoute, severeViolations } from "./support/pages";
import { alice, storageStateOf } from "./support/users";

// Every page of the dashboard, listed from app/**/page.tsx, checked with axe:
// no serious or critical violation. Dynamic segments are filled with a real
// project of the signed-in user; a route whose segment has no value here
// fails the test, so a new page cannot be skipped.

test.describe("accessibility", () => {
  test.use({ storageState: storageStateOf(alice) });

  test("every dashboard page, the not-found page and the login page have no serious or critical axe violations", async ({ page, baseURL, browser }) => {
    test.setTimeout(360_000);
    const owner = await clientFor(baseURL!, alice);
    const target = await createTarget(owner, alice);
    await owner.dispose();

    const routes = pageRoutes();
    expect(routes).toEqual(expect.arrayContaining(["/login", "/projects", "/projects/[slug]", "/docs/api"]));
    const found: Record<string, unknown[]> = {};
    const visit = async (p: Page, url: string) => {
      await p.goto(url);
      await expect(p.getByRole("heading", { level: 1 }).first()).toBeVisible();
      const violations = await severeViolations(p);
      if (violations.length) found[url] = violations;
    };
    for (const route of routes.filter((r) => r !== "/login")) await visit(page, concreteRoute(route, target));
    await visit(page, "/projects/no-such-project");

    // With a dialog open: the new-key form.
    await page.goto(`/projects/${target.slug}/keys`);
    await page.getByRole("button", { name: "Create key" }).first().click();
    await expect(page.getByRole("dialog", { name: "Create API key" })).toBeVisible();
    const dialogViolations = await severeViolations(page);
    if (dialogViolations.length) found["create key dialog"] = dialogViolations;

    await page.goto(`/projects/${target.slug}/members`);
    await page.getByRole("button", { name: "Invite member" }).click();
    await expect(page.getByRole("dialog", { name: "Invite a member" })).toBeVisible();
    const inviteViolations = await severeViolations(page);
    if (inviteViolations.length) found["invite member dialog"] = inviteViolations;

    const signedOut = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    await visit(await signedOut.newPage(), "/login");
    await signedOut.close();

    expect(found).toEqual({});
  });
});
