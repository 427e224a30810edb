import { createHash } from "node:crypto";
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

/**
 * Pastes a key into the open Keys tab's search box, as a person would, and
 * waits until the list is filtered by the key's hash: the box then says
 * "Full key (hashed)" and the address holds `key_hash=<sha256>`.
 */
export async function pasteKeyIntoSearch(page: Page, plaintext: string) {
  const search = page.getByLabel("Search");
  await page.evaluate((text) => navigator.clipboard.writeText(text), plaintext);
  await search.focus();
  await page.keyboard.press("ControlOrMeta+V");
  await expect(search).toHaveValue("Full key (hashed)");
  await expect(page).toHaveURL(new RegExp(`[?&]key_hash=${createHash("sha256").update(plaintext).digest("hex")}(&|$)`));
}

/** Every request the page sends (method, address, body) and every address it shows, as lines to search. */
export function recordTraffic(page: Page): string[] {
  const lines: string[] = [];
  page.on("request", (request) => lines.push(`${request.method()} ${request.url()}\n${request.postData() ?? ""}`));
  page.on("framenavigated", (frame) => lines.push(`address ${frame.url()}`));
  return lines;
}
