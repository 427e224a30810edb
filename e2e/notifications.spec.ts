import { expect, test, type Page } from "@playwright/test";
import { uniqueName } from "./support/sign-in";
import { createProjectViaUi } from "./support/projects";
import { createKeyViaUi } from "./support/keys";
import { API_URL } from "./support/api";
import { alice, storageStateOf } from "./support/users";

// Issue 18's in-app alerts: usage crossing 80 % (through the verification
// API, on a free project's 1,000 units) puts an unread event in the header's
// bell and a banner on the Overview; 100 % turns the banner into an alert.
// Other specs run at the same time as alice, and some of their events (a
// teammate joining, a key's credits crossing a threshold) land in her bell
// too: so this spec checks its own event's unread state, and the count only
// for being there; the count's exact arithmetic is lib/notifications' tests'.

test.use({ storageState: storageStateOf(alice) });

const bell = (page: Page) => page.getByRole("banner").getByRole("button", { name: /^Notifications/ });
const UNREAD = /^Notifications, \d+ unread$/;

async function verify(page: Page, key: string, cost: number) {
  const response = await page.request.post(`${API_URL}/api/v1/verify`, { headers: { Authorization: `Bearer ${key}` }, data: { cost } });
  return { status: response.status(), body: (await response.json()) as { error?: { code: string } } };
}

/** Starts from nothing unread, so the count below is this test's event (the user's own key creation never counts). */
async function markEverythingRead(page: Page) {
  if ((await bell(page).getAttribute("aria-label")) === "Notifications") return;
  await bell(page).click();
  await page.getByRole("region", { name: "Notifications" }).getByRole("button", { name: "Mark all as read" }).click();
  await expect(bell(page)).toHaveAccessibleName("Notifications");
  await page.keyboard.press("Escape");
}

test("usage crossing 80 % rings the bell, keyboard opens it with a working link, Mark all as read clears it; the Overview warns at 80 % and alerts at 100 %", async ({ page }) => {
  // Two metering flushes and the pages after them, on a machine shared with the other specs.
  test.setTimeout(150_000);
  const name = uniqueName("Bell");
  const { slug } = await createProjectViaUi(page, name);
  const key = await createKeyViaUi(page, slug, "Checkout");
  await page.goto(`/projects/${slug}`);
  await expect(bell(page)).toBeVisible();
  await markEverythingRead(page);
  await expect(page.getByRole("status").filter({ hasText: "has used" })).toHaveCount(0);

  expect(await verify(page, key, 820)).toMatchObject({ status: 200 });
  // The metering flush writes the event; the bell polls, a reload asks at once.
  const warning = page.getByRole("status").filter({ hasText: "Quota almost used" });
  await expect(async () => {
    await page.reload();
    await expect(warning).toBeVisible({ timeout: 2_000 });
    await expect(bell(page)).toHaveAccessibleName(UNREAD, { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });

  // The Overview's banner, with the bar's own figures.
  await expect(warning).toContainText(`${name} has used 82% of this month's 1,000 units; requests are refused at 100%.`);
  await expect(page.getByRole("progressbar", { name: "Quota used this period" })).toHaveAttribute("aria-valuetext", /\(82%\)/);
  await expect(warning.getByRole("link", { name: "See usage" })).toHaveAttribute("href", `/projects/${slug}/usage`);

  // Keyboard: Enter opens, focus moves in, arrows move, Escape closes and returns focus.
  await bell(page).focus();
  await page.keyboard.press("Enter");
  const panel = page.getByRole("region", { name: "Notifications" });
  await expect(bell(page)).toHaveAttribute("aria-expanded", "true");
  await expect(panel.getByRole("button", { name: "Mark all as read" })).toBeFocused();
  const item = panel.getByRole("link", { name: new RegExp(`^Unread: ${name} reached 80 % of this month's quota \\(820 of 1,000 units\\)`) });
  await expect(item).toContainText(/just now|minute/);
  // (The newest event first: another spec's may be newer than this one.)
  await page.keyboard.press("ArrowDown");
  await expect(panel.getByRole("link").first()).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(panel).toBeHidden();
  await expect(bell(page)).toBeFocused();

  // Space opens it too; the item's link leads to the Usage tab; opening marked nothing read.
  await page.keyboard.press(" ");
  await expect(panel).toBeVisible();
  await item.focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/projects/${slug}/usage`));
  await expect(panel).toBeHidden();
  await expect(bell(page)).toHaveAccessibleName(UNREAD);
  await bell(page).click();
  await expect(item).toBeVisible();

  // Mark all as read: the event is read once the server says so, and stays read after a reload.
  await panel.getByRole("button", { name: "Mark all as read" }).click();
  const read = panel.getByRole("link", { name: new RegExp(`^${name} reached 80 %`) });
  await expect(read).toBeVisible();
  await expect(item).toHaveCount(0);
  await page.reload();
  await bell(page).click();
  await expect(read).toBeVisible();
  await expect(item).toHaveCount(0);
  await page.keyboard.press("Escape");

  // 100 %: requests are refused, and the Overview says so as an alert.
  expect(await verify(page, key, 180)).toMatchObject({ status: 200 });
  await page.goto(`/projects/${slug}`);
  await expect(async () => {
    await page.reload();
    await expect(page.getByRole("alert").filter({ hasText: "Quota reached" })).toContainText(
      `${name} has used 100% of this month's 1,000 units: requests are being refused with 429 quota_exceeded until the period resets.`,
      { timeout: 2_000 },
    );
  }).toPass({ timeout: 30_000 });
  expect(await verify(page, key, 1)).toMatchObject({ status: 429, body: { error: { code: "quota_exceeded" } } });
  const full = page.getByRole("region", { name: "Notifications" }).getByRole("link", { name: new RegExp(`^Unread: ${name} reached 100 %`) });
  await expect(async () => {
    await page.reload();
    await expect(bell(page)).toHaveAccessibleName(UNREAD, { timeout: 2_000 });
    await bell(page).click();
    await expect(full).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await expect(full).toContainText("requests are refused with 429");
});

test("the bell's panel closes on a click outside it", async ({ page }) => {
  await page.goto("/projects");
  await bell(page).click();
  const panel = page.getByRole("region", { name: "Notifications" });
  await expect(panel).toBeVisible();
  await page.getByRole("heading", { level: 1 }).click();
  await expect(panel).toBeHidden();
});
