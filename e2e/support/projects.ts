import { expect, type Page } from "@playwright/test";

/** Creates a project through the UI and returns its slug and id (read from the Overview). */
export async function createProjectViaUi(page: Page, name: string) {
  await page.goto("/projects");
  await page.getByRole("button", { name: "New project" }).click();
  await page.getByRole("dialog").getByLabel("Project name").fill(name);
  await page.getByRole("dialog").getByRole("button", { name: "Create project" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  const slug = new URL(page.url()).pathname.split("/")[2]!;
  const projectId = (await page.getByText(/^c[a-z0-9]{20,}$/).first().textContent())!;
  return { slug, projectId };
}
