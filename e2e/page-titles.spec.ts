import { expect, test } from "@playwright/test";
import { createKeyViaUi } from "./support/keys";
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
  // A key's own page names the key as well.
  await createKeyViaUi(page, slug, "Titled key");
  await page.getByRole("link", { name: "Titled key", exact: true }).click();
  await expect(page).toHaveTitle(`Titled key · API keys · ${name} · Keydeck`);
  const keyPath = new URL(page.url()).pathname;

  await page.goto("/projects");
  await expect(page).toHaveTitle("Projects · Keydeck");

  await page.goto(`/projects/${slug}/no-such-tab`);
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  await expect(page).toHaveTitle("Not found · Keydeck");

  // Someone else's project: the same 404, and its name is in no title.
  const other = await browser.newContext({ storageState: storageStateOf(bob) });
  const bobPage = await other.newPage();
  for (const path of [`/projects/${slug}/usage`, keyPath]) {
    await bobPage.goto(path);
    await expect(bobPage).toHaveTitle("Not found · Keydeck");
    expect(await bobPage.content()).not.toContain(name);
    expect(await bobPage.content()).not.toContain("Titled key");
  }
  await other.close();
});
