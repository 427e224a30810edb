import { expect, test, type Page } from "@playwright/test";
import { uniqueName } from "./support/sign-in";
import { createProjectViaUi } from "./support/projects";
import { createKeyViaUi } from "./support/keys";
import { alice, storageStateOf } from "./support/users";
import { API_URL } from "./support/api";

// A new project's Overview leads to the first counted call: create a key,
// make the verify call it shows, see it counted, without a reload.

test.use({ storageState: storageStateOf(alice) });

const step = (page: Page, title: string) =>
  page.getByRole("list", { name: "Steps to the first counted call" }).getByRole("listitem").filter({ has: page.getByRole("heading", { name: title }) });

test("a new project's Overview: a checklist from the first key to the first counted call, updating by itself", async ({ page }) => {
  test.setTimeout(60_000);
  const { slug } = await createProjectViaUi(page, uniqueName("Onboarding"));
  // Named by its heading: "Get started", then "All set".
  const checklist = page.getByRole("region", { name: /^(Get started|All set)$/ });
  await expect(checklist).toBeVisible();
  await expect(step(page, "Create an API key")).toContainText("To do");
  await expect(step(page, "Make your first verify call")).toContainText("To do");
  await expect(step(page, "See it counted")).toContainText("To do");

  // The Usage tab says what its empty chart will show, with the clock behind a disclosure.
  await page.getByRole("link", { name: "Usage", exact: true }).click();
  await expect(page.getByRole("heading", { name: "No calls in the last 7 days" })).toBeVisible();
  await expect(page.getByRole("figure", { name: "Usage chart" })).toHaveCount(0);
  await expect(page.getByText("Last 7 days, by UTC day")).toBeVisible();
  await expect(page.getByText(/Each bar is one UTC day/)).toBeHidden();
  await page.getByText("About times").click();
  await expect(page.getByText(/Each bar is one UTC day/)).toBeVisible();

  const key = await createKeyViaUi(page, slug, "First service");
  await page.getByRole("link", { name: "Overview" }).click();
  await expect(step(page, "Create an API key")).toContainText("Done");
  await expect(step(page, "Make your first verify call")).toContainText("To do");
  // The call to make: the API's address and a placeholder, never a key.
  const curl = step(page, "Make your first verify call").getByLabel("curl example");
  await expect(curl).toContainText(`curl -X POST ${API_URL}/api/v1/verify`);
  await expect(curl).toContainText('-H "Authorization: Bearer $KEYDECK_API_KEY"');
  await expect(curl).toContainText('export KEYDECK_API_KEY="<paste your API key>"');
  expect(await page.content()).not.toContain(key);

  const response = await page.request.post(`${API_URL}/api/v1/verify`, { headers: { Authorization: `Bearer ${key}` }, data: { cost: 3 } });
  expect(response.status()).toBe(200);
  // No reload: the Overview polls while a step is open (every 5 s), and the
  // API flushes every second.
  await expect(step(page, "See it counted")).toContainText("Done", { timeout: 20_000 });
  await expect(step(page, "Make your first verify call")).toContainText("Done");
  await expect(step(page, "See it counted")).toContainText("Counted: 1 request and 3 units today.");
  await expect(page.getByRole("heading", { name: "All set" })).toBeVisible();
  await expect(page.getByRole("group", { name: "Requests today" }).getByRole("definition").first()).toHaveText("1");

  await checklist.getByRole("button", { name: "Hide" }).click();
  await expect(checklist).toBeHidden();
  // Done is done: a later visit shows no checklist.
  await page.reload();
  await expect(page.getByRole("group", { name: "Active keys" })).toBeVisible();
  await expect(checklist).toHaveCount(0);
});
