import { expect, test } from "@playwright/test";
import { Webhook } from "standardwebhooks";
import { createProjectViaUi } from "./support/projects";
import { copyAndConfirmReveal, expectNotStoredOrLogged, rememberSecret } from "./support/secrets";
import { uniqueName } from "./support/sign-in";
import { alice, storageStateOf } from "./support/users";
import { startReceiver } from "../tests/integration/webhook-receiver";

test.use({ storageState: storageStateOf(alice), permissions: ["clipboard-read", "clipboard-write"] });

test("an admin adds an endpoint, copies its secret once, sends a test event, sees it in the log and resends it", async ({ page }) => {
  test.setTimeout(90_000);
  const receiver = await startReceiver();
  try {
    const { slug } = await createProjectViaUi(page, uniqueName("Webhooks"));
    await page.getByRole("link", { name: "Webhooks" }).click();
    await expect(page.getByText("No webhook endpoints yet")).toBeVisible();

    await page.getByRole("button", { name: "Add endpoint" }).click();
    const add = page.getByRole("dialog", { name: "Add webhook endpoint" });
    await add.getByLabel("Endpoint URL").fill(receiver.url);
    await add.getByLabel("Description (optional)").fill("Ops receiver");
    await expect(add.getByRole("checkbox", { name: /quota\.threshold/ })).toBeChecked();
    await add.getByRole("button", { name: "Add endpoint" }).click();

    // The secret, once: copy it, the dialog stays until confirmed.
    const reveal = page.getByRole("dialog", { name: "Copy the endpoint's signing secret" });
    const secret = await reveal.getByLabel("Signing secret").inputValue();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    rememberSecret({ kind: "webhook signing secret", value: secret, pages: [`/projects/${slug}/webhooks`, `/projects/${slug}/activity`] });
    await copyAndConfirmReveal(page, reveal, secret);
    await expect(reveal).toBeHidden();
    await expectNotStoredOrLogged({ kind: "webhook signing secret", value: secret });

    const card = page.getByRole("article", { name: receiver.url });
    await expect(card.getByText("Enabled", { exact: true })).toBeVisible();
    await expect(card.getByText("Ops receiver")).toBeVisible();
    // Only the secret's hint is shown from now on.
    await expect(card.getByRole("list", { name: /Signing secrets/ })).toContainText(secret.slice(0, 10));
    await expect(page.getByText(secret)).toHaveCount(0);

    // A test event: signed with the secret, and in the delivery log.
    await card.getByRole("button", { name: "Send test event" }).click();
    const [first] = await receiver.waitFor(1);
    const message = new Webhook(secret).verify(first!.body, first!.headers as Record<string, string>) as { type: string };
    expect(message.type).toBe("webhook.test");
    const webhookId = String(first!.headers["webhook-id"]);
    const log = card.getByRole("table", { name: /Delivery log/ });
    await expect(log.getByRole("row").filter({ hasText: webhookId })).toContainText("HTTP 200");

    // Resend: the same webhook-id again, and a second row.
    await log.getByRole("button", { name: new RegExp(`^Resend webhook\\.test ${webhookId}`) }).first().click();
    const [, second] = await receiver.waitFor(2);
    expect(second!.headers["webhook-id"]).toBe(webhookId);
    expect(new Webhook(secret).verify(second!.body, second!.headers as Record<string, string>)).toMatchObject({ type: "webhook.test" });
    await expect(log.getByRole("row").filter({ hasText: "(resend)" })).toContainText("HTTP 200");

    // Disabling is shown only once the server has done it.
    await card.getByRole("button", { name: "Disable" }).click();
    await expect(card.getByText("Disabled", { exact: true })).toBeVisible();
    await expect(card.getByRole("button", { name: "Enable" })).toBeVisible();
    await expect(card.getByRole("button", { name: "Send test event" })).toBeDisabled();
  } finally {
    await receiver.close();
  }
});
