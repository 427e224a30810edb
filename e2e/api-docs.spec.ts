import { expect, test } from "@playwright/test";
import { alice, storageStateOf } from "./support/users";
import { API_URL } from "./support/api";

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
