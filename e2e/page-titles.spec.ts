import { expect, test } from "@playwright/test";
import { createProjectViaUi } from "./support/projects";
import { uniqueName } from "./support/sign-in";
import { alice, bob, storageStateOf } from "./support/users";

test.use({ storageState: storageStateOf(alice) });

// Browser tabs and history tell pages and projects apart: each tab's title
// names the page and the project; the 404 says so instead of keeping the
// title of the page before.
test("every project tab's title names the page and the project, and the 404 says not found", async ({ page, browser }) => {
  const name = uniqueName("Titles");
  const { slug } = await createProjectViaUi(page, name);
  await expect(page).toHaveTitle(`Overview · ${name} · Keydeck`);
  for (const [tab, title] of [
    ["API keys", "API keys"],
    ["Usage", "Usage"],
    ["Activity", "Activity"],
    ["Settings", "Settings"],
  ] as const) {
    await page.getByRole("link", { name: tab, exact: true }).click();
    await expect(page).toHaveTitle(`${title} · ${name} · Keydeck`);
  }
  await page.goto("/projects");
  await expect(page).toHaveTitle("Projects · Keydeck");

  await page.goto(`/projects/${slug}/no-such-tab`);
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  await expect(page).toHaveTitle("Not found · Keydeck");

  // Someone else's project: the same 404, and its name is in no title.
  const other = await browser.newContext({ storageState: storageStateOf(bob) });
  const bobPage = await other.newPage();
  await bobPage.goto(`/projects/${slug}/usage`);
  await expect(bobPage).toHaveTitle("Not found · Keydeck");
  expect(await bobPage.content()).not.toContain(name);
  await other.close();
});
