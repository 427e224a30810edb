import { expect, test } from "@playwright/test";
import { query } from "./support/db";
import { alice, storageStateOf } from "./support/users";

test.use({ storageState: storageStateOf(alice) });

// A name over 64 characters used to be cut silently by the input. Now the
// whole text stays, a counter says by how much it is over, and the server
// refuses it with a message; nothing is created.
test("a project name over 64 characters is kept whole, counted, and refused with a message", async ({ page }) => {
  const name = `Long name ${Date.now()} `.padEnd(70, "x");
  await page.goto("/projects");
  await page.getByRole("button", { name: "New project" }).click();
  const dialog = page.getByRole("dialog");
  const field = dialog.getByLabel("Project name");
  await field.fill(name);
  await expect(field).toHaveValue(name);
  await expect(dialog.getByText("6 too many: 70/64 characters")).toBeVisible();
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await dialog.getByRole("button", { name: "Create project" }).click();
  await expect(dialog.getByText("Use at most 64 characters.")).toBeVisible();
  await expect(dialog).toBeVisible();
  const rows = await query<{ n: number }>(`select count(*)::int as n from projects where name like $1`, [`${name.slice(0, 20)}%`]);
  expect(rows[0]?.n).toBe(0);

  // Back under the limit, the counter says so and the project is created.
  await field.fill(name.slice(0, 64));
  await expect(dialog.getByText("64/64 characters")).toBeVisible();
  await dialog.getByRole("button", { name: "Create project" }).click();
  await expect(page.getByRole("heading", { level: 1, name: name.slice(0, 64).trim() })).toBeVisible();
});
