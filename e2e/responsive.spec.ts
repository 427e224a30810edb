import { randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { expect, test, type Locator, type Page, type TestInfo } from "@playwright/test";
import { pageRoutes } from "./support/app-code";
import { clientFor, createTarget, type Target } from "./support/app-client";
import { concreteRoute, severeViolations } from "./support/pages";
import { alice, storageStateOf } from "./support/users";

// Every page, listed from app/**/page.tsx, at a small phone, a common phone,
// a tablet and a laptop: nothing scrolls the page sideways, axe finds nothing
// serious, and a full-page screenshot is kept under
// test-results/screenshots/<width>/<page>.png (CI keeps test-results/).
// On a phone the key, member and activity lists are cards whose actions sit
// in view, and every tab of a project can be reached.

test.use({ storageState: storageStateOf(alice) });

const WIDTHS = [360, 390, 768, 1280] as const;
/** Widths at which a screenshot is kept; 360 is checked for sideways scrolling only. */
const PICTURED = new Set<number>([390, 768, 1280]);
/**
 * Widths at which axe runs here: the phone's card layout. From 640 px the
 * pages have the desktop's markup (tables), which e2e/accessibility.spec.ts
 * checks on every page at 1280 px.
 */
const AXE = new Set<number>([390]);
const HEIGHT = 800;

type Visit = { name: string; url: string; signedOut?: boolean };

/** Every page route filled with the target's values, the not-found page, and the login page signed out. */
function visits(target: Target): Visit[] {
  const routes = pageRoutes();
  expect(routes).toEqual(expect.arrayContaining(["/login", "/projects", "/projects/[slug]/keys", "/invitations/[token]"]));
  return [
    ...routes.map((route) => ({
      name: route === "/" ? "root" : route.slice(1).replace(/[[\]]/g, "").replaceAll("/", "-"),
      url: concreteRoute(route, target),
      signedOut: route === "/login",
    })),
    { name: "not-found", url: "/projects/no-such-project" },
  ];
}

async function newTarget(baseURL: string) {
  const owner = await clientFor(baseURL, alice);
  const target = await createTarget(owner, alice);
  await owner.dispose();
  return target;
}

/** Names as long as the forms allow, without a space to break at: what a phone's layout must still hold. */
async function giveLongNames(baseURL: string, target: Target) {
  const owner = await clientFor(baseURL, alice);
  const long = (prefix: string) => `${prefix}-${"x".repeat(64)}`.slice(0, 64);
  await owner.ok("renameProject", target.slug, { projectId: target.projectId, name: long("Payments-platform-production-europe-west") });
  await owner.ok("createKey", target.slug, { projectId: target.projectId, name: long("billing-service-production-europe-west"), environment: "test", expiry: { kind: "never" }, idempotencyKey: randomUUID() });
  await owner.dispose();
}

/** How far the page is wider than the window, and the outermost elements that stick out (to say what to fix). */
const sideways = (page: Page) =>
  page.evaluate(() => {
    const width = window.innerWidth;
    const overflow = document.documentElement.scrollWidth - width;
    if (overflow <= 0) return null;
    const describe = (element: Element) =>
      `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ""}.${[...element.classList].slice(0, 4).join(".")} (right ${Math.round(element.getBoundingClientRect().right)})`;
    const outermost = [...document.body.querySelectorAll("*")].filter((element) => {
      const parent = element.parentElement;
      return element.getBoundingClientRect().right > width + 0.5 && parent && parent.getBoundingClientRect().right <= width + 0.5;
    });
    return { scrollWidth: width + overflow, stickingOut: outermost.slice(0, 5).map(describe) };
  });

/** The element's box lies inside the window, horizontally. */
async function expectInView(element: Locator, width: number) {
  const box = await element.boundingBox();
  expect(box, `${element} has a box`).not.toBeNull();
  expect(box!.x, `${element} starts inside the window`).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width, `${element} ends inside the window`).toBeLessThanOrEqual(width);
}

async function screenshot(page: Page, testInfo: TestInfo, width: number, name: string) {
  const file = path.join("test-results", "screenshots", String(width), `${name}.png`);
  mkdirSync(path.dirname(file), { recursive: true });
  await page.screenshot({ path: file, fullPage: true });
  await testInfo.attach(`${width}px ${name}`, { path: file, contentType: "image/png" });
}

for (const width of WIDTHS) {
  const pictured = PICTURED.has(width);
  const axe = AXE.has(width);
  test(`at ${width} px no page scrolls sideways${axe ? ", none has a serious axe violation" : ""}${pictured ? ", and each is photographed" : ""}`, async ({ page, browser, baseURL }, testInfo) => {
    test.setTimeout(300_000);
    const target = await newTarget(baseURL!);
    await giveLongNames(baseURL!, target);
    const viewport = { width, height: HEIGHT };
    await page.setViewportSize(viewport);
    const signedOut = await browser.newContext({ storageState: { cookies: [], origins: [] }, viewport });

    const scrolling: Record<string, unknown> = {};
    const violations: Record<string, unknown> = {};
    for (const visit of visits(target)) {
      const tab = visit.signedOut ? await signedOut.newPage() : page;
      await tab.goto(visit.url);
      await expect(tab.getByRole("heading", { level: 1 }).first()).toBeVisible();
      // Charts and lists load after the first paint; the picture and the width should include them.
      // (A page that held a connection open for live updates would never go idle: its first render is then what is checked.)
      await tab.waitForLoadState("networkidle", { timeout: 15_000 }).catch(() => undefined);
      const wide = await sideways(tab);
      if (wide) scrolling[visit.name] = wide;
      if (axe) {
        const found = await severeViolations(tab);
        if (found.length) violations[visit.name] = found;
      }
      if (pictured) await screenshot(tab, testInfo, width, visit.name);
    }
    await signedOut.close();
    expect(scrolling, `pages wider than ${width} px`).toEqual({});
    expect(violations, `serious or critical axe violations at ${width} px`).toEqual({});
  });
}

test("at 390 px every project tab can be reached, and the current one is in view when its page opens", async ({ page, baseURL }) => {
  test.setTimeout(120_000);
  const target = await newTarget(baseURL!);
  await page.setViewportSize({ width: 390, height: HEIGHT });
  const tabs = page.getByRole("navigation", { name: "Project sections" }).getByRole("link");

  await page.goto(`/projects/${target.slug}`);
  const labels = await tabs.allTextContents();
  expect(labels).toEqual(["Overview", "API keys", "Usage", "Embed", "Webhooks", "Activity", "Members", "Settings"]);
  for (const label of labels) {
    const tab = tabs.filter({ hasText: label });
    await tab.scrollIntoViewIfNeeded();
    await expectInView(tab, 390);
  }

  for (const label of labels) {
    await page.goto(`/projects/${target.slug}`);
    await tabs.filter({ hasText: label }).click();
    const current = page.getByRole("navigation", { name: "Project sections" }).locator("[aria-current=page]");
    await expect(current).toHaveText(label);
    await expectInView(current, 390);
    // Opened directly, as from a bookmark.
    await page.reload();
    await expect(current).toHaveText(label);
    await expect.poll(async () => (await current.boundingBox())?.x ?? -1, { message: `${label} scrolled into view on load` }).toBeGreaterThanOrEqual(0);
    await expectInView(current, 390);
  }
});

test("under 640 px keys, members and activity are cards with their actions in view; from 640 px they are tables that show their actions", async ({ page, baseURL }) => {
  test.setTimeout(120_000);
  const target = await newTarget(baseURL!);
  const pending = `pending-${target.projectId}@example.com`;
  const pages = [
    { path: "keys", lists: [{ name: "API keys", actions: [`Rotate isolation key (${target.keyHint})`, `Revoke isolation key (${target.keyHint})`] }] },
    {
      path: "members",
      lists: [
        { name: "Members", actions: ["Change role of Second Owner", "Remove Second Owner"] },
        { name: "Pending invitations", actions: [`Re-issue link for ${pending}`, `Revoke the invitation for ${pending}`] },
        { name: "Linked groups", actions: [`Unlink /isolation/${target.projectId}-linked`] },
      ],
    },
    { path: "activity", lists: [{ name: "Activity, newest first; times in UTC", actions: [] }] },
  ];

  for (const width of [390, 768, 1280]) {
    await page.setViewportSize({ width, height: HEIGHT });
    const cards = width < 640;
    for (const { path: tab, lists } of pages) {
      await page.goto(`/projects/${target.slug}/${tab}`);
      for (const list of lists) {
        const table = page.getByRole("table", { name: list.name });
        const cardList = page.getByRole("list", { name: list.name });
        await expect(cards ? cardList : table, `${list.name} at ${width} px`).toBeVisible();
        await expect(cards ? table : cardList, `${list.name} at ${width} px`).toBeHidden();
        // Exactly one of each action is exposed, whichever form is on screen, and it is in view without scrolling sideways.
        for (const name of list.actions) {
          const button = page.getByRole("button", { name, exact: true });
          await expect(button, `${name} at ${width} px`).toHaveCount(1);
          await expectInView(button, width);
        }
      }
    }
    // The activity list names what happened, in either form.
    // The target's two keys: the isolation key and the one reported leaked (e2e/support/app-client.ts).
    await expect(page.getByText("created a key", { exact: true }).locator("visible=true")).toHaveCount(2);
  }
});
