import { expect, test } from "@playwright/test";
import { alice, storageStateOf } from "./support/users";
import { API_URL } from "./support/api";
import { createProjectViaUi } from "./support/projects";
import { uniqueName } from "./support/sign-in";

test.use({ storageState: storageStateOf(alice) });

test("the dashboard renders the verification API's OpenAPI document", async ({ page, request }) => {
  await page.goto("/projects");
  await page.getByRole("link", { name: "API docs" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Keydeck verification API" })).toBeVisible();
  const served = (await (await request.get(`${API_URL}/api/v1/openapi.json`)).json()) as { openapi: string; paths: Record<string, unknown> };
  expect(served.openapi).toBe("3.1.0");
  for (const path of Object.keys(served.paths)) {
    await expect(page.getByRole("heading", { level: 2, name: new RegExp(path.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")) })).toBeVisible();
  }
  const verify = page.getByRole("region", { name: /POST\s*\/api\/v1\/verify/ });
  await expect(verify.getByText("Requires Authorization: Bearer <API key>.")).toBeVisible();
  await expect(verify.getByRole("table", { name: "/api/v1/verify request body" }).getByRole("rowheader", { name: "cost" })).toBeVisible();
  for (const status of ["200", "400", "401", "403", "429", "503"]) {
    await expect(verify.getByText(status, { exact: true })).toBeVisible();
  }
  await expect(page.getByRole("link", { name: `${API_URL}/api/v1/openapi.json` })).toBeVisible();
});

test("descriptions are rendered Markdown, every response field is described, and the examples are what the API answers", async ({ page, request }) => {
  await page.goto("/docs/api");
  const article = page.getByRole("article");
  // Markdown, not its source: inline code is code, and no backtick is left over.
  await expect(article.locator("code", { hasText: /^POST \/api\/v1\/verify$/ }).first()).toBeVisible();
  expect(await article.evaluate((element) => [...element.querySelectorAll(":not(pre) > *")].some((e) => [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent!.includes("`"))))).toBe(false);

  const verify = page.getByRole("region", { name: /POST\s*\/api\/v1\/verify/ });
  const fields = verify.getByRole("table", { name: "/api/v1/verify 200 response" });
  await expect(fields.getByRole("rowheader", { name: "quota.remaining" })).toBeVisible();
  for (const row of await fields.getByRole("row").all()) {
    if ((await row.getByRole("rowheader").count()) === 0) continue;
    expect((await row.getByRole("cell").last().innerText()).trim(), await row.innerText()).not.toBe("");
  }

  // The documented bodies are the real ones, byte for byte as JSON.
  const answers = {
    missing_authorization: await request.post(`${API_URL}/api/v1/verify`),
    invalid_credentials: await request.post(`${API_URL}/api/v1/verify`, { headers: { authorization: `Bearer kd_live_${"A".repeat(36)}` } }),
  };
  for (const [name, answer] of Object.entries(answers)) {
    expect(answer.status()).toBe(401);
    const shown = await verify.getByLabel(`Example 401 response: ${name}`, { exact: true }).innerText();
    expect(JSON.parse(shown)).toEqual(await answer.json());
  }
});

test("where keys are created, sandbox keys are explained, with a link to the docs' section on environments", async ({ page }) => {
  await createProjectViaUi(page, uniqueName("Docs sandbox"));
  await page.getByRole("link", { name: "API keys" }).click();
  await page.getByRole("button", { name: "Create key" }).first().click();
  const dialog = page.getByRole("dialog", { name: "Create API key" });
  const environment = dialog.getByRole("group", { name: "Environment" });
  await expect(environment).toHaveAccessibleDescription(/Sandbox keys are not created here: anyone can mint one anonymously through the API, for a trial/);
  await environment.getByRole("link", { name: "About key environments" }).click();
  await expect(page).toHaveURL(/\/docs\/api#environments$/);
  const section = page.getByRole("region", { name: "Key environments" });
  await expect(section).toBeInViewport();
  await expect(section.getByRole("listitem").filter({ hasText: /^sandbox:/ })).toContainText("Anyone can mint one anonymously, without an account, with POST /api/v1/sandbox/key");
  await expect(section.getByRole("link", { name: "POST /api/v1/sandbox/key" })).toHaveAttribute("href", "#createSandboxKey");
});
