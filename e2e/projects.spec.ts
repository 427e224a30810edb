import { expect, test } from "@playwright/test";
import { uniqueName } from "./support/sign-in";
import { alice, storageStateOf } from "./support/users";

test.use({ storageState: storageStateOf(alice) });

test("create, rename and delete a project", async ({ page }) => {
  // An em dash in the name: deleting it takes the slug instead of the exact name.
  const name = uniqueName("Orders — API");
  await page.goto("/projects");

  // Bad input is answered inline and creates nothing.
  await page.getByRole("button", { name: "New project" }).click();
  const dialog = page.getByRole("dialog", { name: "New project" });
  await dialog.getByLabel("Project name").fill("   ");
  await dialog.getByRole("button", { name: "Create project" }).click();
  await expect(dialog.getByText("Enter a project name.")).toBeVisible();

  await dialog.getByLabel("Project name").fill(name);
  await dialog.getByRole("button", { name: "Create project" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  const slug = new URL(page.url()).pathname.split("/")[2]!;
  expect(slug).toMatch(/^orders-api-[a-z0-9]+$/);

  await page.goto("/projects");
  await expect(page.getByRole("list", { name: "Your projects" }).getByRole("link", { name: new RegExp(name) })).toBeVisible();

  // Rename (keyboard only: type and press Enter).
  await page.goto(`/projects/${slug}/settings`);
  const renamed = `${name} v2`;
  const field = page.getByLabel("Project name");
  await field.fill(renamed);
  await field.press("Enter");
  await expect(page.getByRole("status").filter({ hasText: `Project renamed to “${renamed}”.` })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: renamed })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/projects/${slug}/settings$`));

  // The activity log shows both changes.
  await page.getByRole("link", { name: "Activity" }).click();
  await expect(page.getByRole("cell", { name: "created the project" })).toBeVisible();
  await expect(page.getByRole("cell", { name: "renamed the project" })).toBeVisible();

  // Delete: the button stays disabled until the name, or the slug the dialog names, is typed exactly.
  await page.getByRole("link", { name: "Settings" }).click();
  await page.getByRole("button", { name: "Delete project" }).click();
  const confirm = page.getByRole("dialog", { name: "Delete this project?" });
  const typed = confirm.getByLabel(`Type the project’s name or its slug, ${slug}, to confirm`);
  for (const wrong of [renamed.toUpperCase(), slug.toUpperCase(), `${slug}-`]) {
    await typed.fill(wrong);
    await expect(confirm.getByRole("button", { name: "Delete project" })).toBeDisabled();
  }
  await typed.fill(renamed);
  await expect(confirm.getByRole("button", { name: "Delete project" })).toBeEnabled();
  await typed.fill(slug);
  await confirm.getByRole("button", { name: "Delete project" }).click();
  await expect(page).toHaveURL(/\/projects$/);
  await expect(page.getByRole("link", { name: new RegExp(renamed) })).toHaveCount(0);
  await page.goto(`/projects/${slug}`);
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
});
