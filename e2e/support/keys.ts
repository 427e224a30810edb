import { expect, type Page } from "@playwright/test";

/** Creates a live key through the Keys tab and returns its plaintext, read from the one-time dialog. */
export async function createKeyViaUi(page: Page, slug: string, name: string): Promise<string> {
  await page.goto(`/projects/${slug}/keys`);
  await page.getByRole("button", { name: "Create key" }).first().click();
  const dialog = page.getByRole("dialog", { name: "Create API key" });
  await dialog.getByLabel("Name").fill(name);
  await dialog.getByRole("button", { name: "Create key" }).click();
  const reveal = page.getByRole("dialog", { name: "Copy your new key" });
  const plaintext = await reveal.getByLabel("Your new API key").inputValue();
  await reveal.getByLabel("I have copied this key and stored it safely.").check();
  await reveal.getByRole("button", { name: "Done" }).click();
  await expect(reveal).toBeHidden();
  return plaintext;
}
