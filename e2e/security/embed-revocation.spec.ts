import { expect, test, type Page } from "@playwright/test";
import { API_URL } from "../support/api";
import { createKeyViaUi } from "../support/keys";
import { createProjectViaUi } from "../support/projects";
import { rememberSecret } from "../support/secrets";
import { uniqueName } from "../support/sign-in";
import { alice, storageStateOf } from "../support/users";

// Finding 3 of the security review, as an owner meets it: "Revoke all
// secrets now" on the Embed tab ends an open widget at its next load and
// refuses new sessions until a rotation creates a new secret.
test.use({ storageState: storageStateOf(alice) });

/** Confirms the dialog that shows a signing secret once, and remembers it for the secret scan. */
async function storeShownSecret(page: Page, dialogName: string, slug: string) {
  const reveal = page.getByRole("dialog", { name: dialogName });
  const secret = await reveal.getByLabel("Signing secret").inputValue();
  rememberSecret({ kind: "embed signing secret", value: secret, pages: [`/projects/${slug}/embed`, `/projects/${slug}/activity`] });
  await reveal.getByLabel("I have copied this secret and stored it safely.").check();
  await reveal.getByRole("button", { name: "Done" }).click();
  await expect(reveal).toBeHidden();
}

async function openWidget(page: Page, apiKey: string, publishableKey: string) {
  const session = await page.request.post(`${API_URL}/api/v1/embed/sessions`, { headers: { authorization: `Bearer ${apiKey}` } });
  expect(session.status()).toBe(201);
  await page.goto(`/embed/${publishableKey}?session=${(await session.json()).session_token}`);
  await expect(page.getByRole("heading", { name: "Units used this period" })).toBeVisible();
}

test("'Revoke all secrets now' ends an open widget at its next load; a rotation starts sessions again", async ({ page, browser }) => {
  test.setTimeout(60_000);
  const { slug } = await createProjectViaUi(page, uniqueName("Revoke embed"));
  const apiKey = await createKeyViaUi(page, slug, "Partner backend");
  await page.getByRole("link", { name: "Embed" }).click();
  await page.getByRole("switch", { name: "Turn embed mode on" }).click();
  await storeShownSecret(page, "Embed mode is on", slug);
  const publishableKey = await page.getByLabel("Publishable key").inputValue();

  const visitor = await (await browser.newContext()).newPage();
  await openWidget(visitor, apiKey, publishableKey);

  await page.getByRole("button", { name: "Revoke all secrets now" }).click();
  const confirm = page.getByRole("dialog", { name: "Revoke every signing secret now?" });
  await confirm.getByRole("button", { name: "Revoke all secrets" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Every signing secret was revoked." })).toBeVisible();
  await expect(page.getByText("No signing secret: rotate to create one.")).toBeVisible();

  await visitor.reload();
  await expect(visitor.getByRole("heading", { name: "This session has ended" })).toBeVisible();
  const refused = await page.request.post(`${API_URL}/api/v1/embed/sessions`, { headers: { authorization: `Bearer ${apiKey}` } });
  expect(refused.status()).toBe(401);

  await page.getByRole("button", { name: "Rotate secret" }).click();
  await page.getByRole("dialog", { name: "Rotate signing secret" }).getByRole("button", { name: "Rotate secret" }).click();
  await storeShownSecret(page, "Copy your new signing secret", slug);
  await openWidget(visitor, apiKey, publishableKey);

  await page.goto(`/projects/${slug}/activity`);
  await expect(page.getByRole("table", { name: /^Activity/ }).getByText("revoked every embed signing secret")).toBeVisible();
});
