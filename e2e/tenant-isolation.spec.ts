import { expect, test, type Browser } from "@playwright/test";
import { uniqueName } from "./support/sign-in";
import { createProjectViaUi } from "./support/projects";
import { alice, bob, storageStateOf } from "./support/users";
import type { DevUser } from "../scripts/dev-idp/users";

async function pageAs(browser: Browser, user: DevUser) {
  const context = await browser.newContext({ storageState: storageStateOf(user) });
  return context.newPage();
}

async function createProject(browser: Browser, user: DevUser, name: string) {
  const page = await pageAs(browser, user);
  return { page, ...(await createProjectViaUi(page, name)) };
}

test("user B can neither see nor reach user A's project", async ({ browser }) => {
  const name = uniqueName("Alice Secret");
  const { slug } = await createProject(browser, alice, name);

  const bobPage = await pageAs(browser, bob);
  await bobPage.goto("/projects");
  await expect(bobPage.getByRole("heading", { name: "Projects", exact: true })).toBeVisible();
  await expect(bobPage.getByText(name)).toHaveCount(0);

  for (const path of [`/projects/${slug}`, `/projects/${slug}/settings`, `/projects/${slug}/activity`]) {
    const response = await bobPage.goto(path);
    expect(response?.status()).toBe(404);
    await expect(bobPage.getByRole("heading", { name: "Not found" })).toBeVisible();
    await expect(bobPage.getByText(name)).toHaveCount(0);
  }

  const api = await bobPage.request.get("/api/projects");
  expect(api.status()).toBe(200);
  expect(JSON.stringify(await api.json())).not.toContain(slug);
});

test("a server action called by user B with user A's project id changes nothing", async ({ browser }) => {
  const aliceName = uniqueName("Alice Target");
  const target = await createProject(browser, alice, aliceName);
  const own = await createProject(browser, bob, uniqueName("Bob Own"));

  // Bob submits the rename form of his own project, but the request that
  // reaches the server names Alice's project: the action must check for itself.
  const bobPage = own.page;
  await bobPage.goto(`/projects/${own.slug}/settings`);
  await bobPage.route(`**/projects/${own.slug}/settings`, async (route) => {
    const request = route.request();
    if (request.method() !== "POST" || !request.headers()["next-action"]) return route.continue();
    await route.continue({ postData: request.postData()!.replaceAll(own.projectId, target.projectId) });
  });
  await bobPage.getByLabel("Project name").fill("Hijacked");
  await bobPage.getByRole("button", { name: "Save", exact: true }).click();
  await expect(bobPage.getByText("Not found, or you do not have access to it.")).toBeVisible();

  await target.page.reload();
  await expect(target.page.getByRole("heading", { level: 1, name: aliceName })).toBeVisible();
});

test("signed-out requests get no data", async ({ request }) => {
  const api = await request.get("/api/projects");
  expect(api.status()).toBe(401);
  expect(await api.json()).toEqual({ error: { code: "unauthenticated", message: "Sign in to continue." } });
});
