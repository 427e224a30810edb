import { expect, test, type Page } from "@playwright/test";
import { clientFor, createTarget } from "./support/app-client";
import { alice, storageStateOf } from "./support/users";

// Every table sits in its own scroll box (components/ui/table.tsx): on a
// phone a wide table scrolls inside that box and never widens the page, and
// the box can then be scrolled from the keyboard; where the table fits, the
// box adds no tab stop.

test.use({ storageState: storageStateOf(alice) });

const pageScrollsSideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);

async function newTarget(baseURL: string) {
  const owner = await clientFor(baseURL, alice);
  const target = await createTarget(owner, alice);
  await owner.dispose();
  return target;
}

test("on a phone, wide tables scroll in their own keyboard-reachable box and the page does not widen", async ({ page, baseURL }) => {
  const target = await newTarget(baseURL!);
  await page.setViewportSize({ width: 360, height: 740 });

  // (The key, member and activity lists are cards on a phone: e2e/responsive.spec.ts.)
  for (const [path, name] of [[`/projects/${target.slug}/members`, "What each role can do"]] as const) {
    await page.goto(path);
    const table = page.getByRole("table", { name });
    await expect(table).toBeVisible();
    const box = table.locator("..");
    await expect(box).toHaveRole("region");
    await expect(box).toHaveAccessibleName(name);
    expect(await pageScrollsSideways(page), `${path} scrolls sideways`).toBe(false);

    await box.focus();
    await page.keyboard.press("ArrowRight");
    await expect.poll(() => box.evaluate((element) => element.scrollLeft), { message: `${path}: the right arrow key scrolls the table` }).toBeGreaterThan(0);
    expect(await pageScrollsSideways(page)).toBe(false);
  }
});

test("a table that fits adds no tab stop", async ({ page, baseURL }) => {
  const target = await newTarget(baseURL!);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`/projects/${target.slug}/keys`);
  const table = page.getByRole("table", { name: "API keys" });
  await expect(table).toBeVisible();
  await expect(table.locator("..")).not.toHaveAttribute("tabindex");
  await expect(table.locator("..")).not.toHaveRole("region");
});
