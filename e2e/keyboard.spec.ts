import { randomUUID } from "node:crypto";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { clientFor } from "./support/app-client";
import { uniqueName } from "./support/sign-in";
import { alice, storageStateOf } from "./support/users";

// The main journeys with the keyboard alone: after the first page load, only
// page.keyboard (Tab, Shift+Tab, Enter, Space, Escape, typing). Locators are
// used to look, never to click or fill.

test.use({ storageState: storageStateOf(alice), permissions: ["clipboard-read", "clipboard-write"] });

const isFocused = (target: Locator) => target.evaluate((element) => element === document.activeElement).catch(() => false);

/** Presses Tab (or Shift+Tab) until `target` has the focus. */
async function tabTo(page: Page, target: Locator, { backwards = false, max = 60 } = {}) {
  for (let presses = 0; presses <= max; presses++) {
    if (await isFocused(target)) return;
    await page.keyboard.press(backwards ? "Shift+Tab" : "Tab");
  }
  throw new Error(`${max} presses of ${backwards ? "Shift+Tab" : "Tab"} did not reach ${target}`);
}

async function activate(page: Page, target: Locator, key: "Enter" | "Space" = "Enter") {
  await tabTo(page, target);
  await page.keyboard.press(key);
}

/** The copy-once dialog: Escape does not close it; copy, confirm and close with the keyboard. */
async function copyAndConfirm(page: Page) {
  const reveal = page.getByRole("dialog", { name: "Copy your new key" });
  await expect(reveal).toBeVisible();
  const shown = await reveal.getByLabel("Your new API key").inputValue();
  await page.keyboard.press("Escape");
  await expect(reveal).toBeVisible();
  await activate(page, reveal.getByRole("button", { name: "Copy", exact: true }));
  await expect(reveal.getByRole("button", { name: "Copied", exact: true })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(shown);
  await activate(page, reveal.getByLabel("I have copied this key and stored it safely."), "Space");
  await activate(page, reveal.getByRole("button", { name: "Done" }));
  await expect(reveal).toBeHidden();
}

test("create a project, create, copy, rotate and revoke a key, rename and delete the project, with the keyboard only", async ({ page }) => {
  test.setTimeout(90_000);
  const name = uniqueName("Keyboard");
  await page.goto("/projects");

  // Create the project: the dialog focuses its field; Enter submits.
  await activate(page, page.getByRole("button", { name: "New project" }));
  await expect(page.getByRole("dialog", { name: "New project" })).toBeVisible();
  await page.keyboard.type(name);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();

  // Create a key, copy it, confirm.
  await activate(page, page.getByRole("link", { name: "API keys" }));
  await expect(page.getByText("No API keys yet")).toBeVisible();
  await activate(page, page.getByRole("button", { name: "Create key" }).first());
  const form = page.getByRole("dialog", { name: "Create API key" });
  await expect(form).toBeVisible();
  await tabTo(page, form.getByLabel("Name"));
  await page.keyboard.type("Keyboard key");
  await activate(page, form.getByRole("button", { name: "Create key" }));
  await copyAndConfirm(page);
  const original = page.getByRole("row", { name: /Keyboard key/ });
  await expect(original.getByText("Active", { exact: true })).toBeVisible();

  // Rotate it (the default overlap), copy the new key, confirm.
  await activate(page, original.getByRole("button", { name: /^Rotate/ }));
  const rotate = page.getByRole("dialog", { name: "Rotate key" });
  await expect(rotate).toBeVisible();
  await activate(page, rotate.getByRole("button", { name: "Rotate key" }));
  await copyAndConfirm(page);
  const replaced = page.getByRole("row", { name: /Replaced by/ });
  await expect(replaced.getByText("Expiring", { exact: true })).toBeVisible();

  // Revoke the old key at once.
  await activate(page, replaced.getByRole("button", { name: /^Revoke/ }));
  const confirm = page.getByRole("dialog", { name: "Revoke this key?" });
  await expect(confirm).toBeVisible();
  await activate(page, confirm.getByRole("button", { name: "Revoke key" }));
  await expect(replaced.getByText("Revoked", { exact: true })).toBeVisible();

  // Rename: select the field's text, type over it, Enter.
  await activate(page, page.getByRole("link", { name: "Settings" }));
  const field = page.getByLabel("Project name");
  await expect(field).toBeVisible();
  await tabTo(page, field);
  await page.keyboard.press("ControlOrMeta+a");
  const renamed = `${name} v2`;
  await page.keyboard.type(renamed);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: renamed })).toBeVisible();

  // Delete: the dialog focuses the confirmation field; type the name, Enter.
  await activate(page, page.getByRole("button", { name: "Delete project" }));
  const remove = page.getByRole("dialog", { name: "Delete this project?" });
  await expect(remove).toBeVisible();
  await page.keyboard.type(renamed);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/projects$/);
  await expect(page.getByRole("link", { name: new RegExp(renamed) })).toHaveCount(0);
});

test("switch embed mode on, keep the signing secret, save origins, rotate the secret and switch it off, with the keyboard only", async ({ page }) => {
  test.setTimeout(90_000);
  const name = uniqueName("Keyboard embed");
  await page.goto("/projects");
  await activate(page, page.getByRole("button", { name: "New project" }));
  await page.keyboard.type(name);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();

  await activate(page, page.getByRole("link", { name: "Embed" }));
  await activate(page, page.getByRole("switch", { name: "Turn embed mode on" }));
  const reveal = page.getByRole("dialog", { name: "Embed mode is on" });
  await expect(reveal).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(reveal).toBeVisible();
  await activate(page, reveal.getByLabel("I have copied this secret and stored it safely."), "Space");
  await activate(page, reveal.getByRole("button", { name: "Done" }));
  await expect(reveal).toBeHidden();

  await tabTo(page, page.getByLabel("Allowed origins, one per line"));
  await page.keyboard.type("https://partner.example.com");
  await activate(page, page.getByRole("button", { name: "Save origins" }));
  await expect(page.getByRole("status").filter({ hasText: "Allowed origins saved." })).toBeVisible();

  // The snippet tabs move with the arrow keys, as tablists do.
  await tabTo(page, page.getByRole("tab", { name: "Partner server (Node.js)" }));
  await page.keyboard.press("ArrowRight");
  await expect(page.getByRole("tab", { name: "Partner page (HTML)" })).toHaveAttribute("aria-selected", "true");

  await activate(page, page.getByRole("button", { name: "Rotate secret" }), "Enter");
  const rotate = page.getByRole("dialog", { name: "Rotate signing secret" });
  await expect(rotate).toBeVisible();
  await activate(page, rotate.getByRole("button", { name: "Rotate secret" }));
  const rotated = page.getByRole("dialog", { name: "Copy your new signing secret" });
  await activate(page, rotated.getByLabel("I have copied this secret and stored it safely."), "Space");
  await activate(page, rotated.getByRole("button", { name: "Done" }));
  await expect(page.getByRole("list", { name: "Signing secrets" }).getByRole("listitem")).toHaveCount(2);

  await activate(page, page.getByRole("switch", { name: "Turn embed mode off" }));
  const confirm = page.getByRole("dialog", { name: "Turn embed mode off?" });
  await activate(page, confirm.getByRole("button", { name: "Turn off" }));
  await expect(page.getByRole("heading", { name: /Embed mode/ })).toContainText("Off");
});

test("invite a member, copy the link, link a group and unlink it, with the keyboard only", async ({ page, baseURL }) => {
  test.setTimeout(90_000);
  const owner = await clientFor(baseURL!, alice);
  const project = await owner.ok<{ slug: string }>("createProject", "", { name: uniqueName("Keyboard team"), idempotencyKey: randomUUID() });
  await owner.dispose();
  await page.goto(`/projects/${project.slug}/members`);

  // Invite: the dialog focuses the email field; Tab to the role, arrows choose, Enter submits.
  await activate(page, page.getByRole("button", { name: "Invite member" }));
  const form = page.getByRole("dialog", { name: "Invite a member" });
  await expect(form).toBeVisible();
  await expect(form.getByLabel("Email address")).toBeFocused();
  await page.keyboard.type("keyboard.invitee@example.com");
  await tabTo(page, form.getByLabel("Role"));
  await page.keyboard.press("ArrowDown");
  await expect(form.getByLabel("Role")).toHaveValue("viewer");
  await activate(page, form.getByRole("button", { name: "Send invitation" }));
  const reveal = page.getByRole("dialog", { name: "Copy the invitation link" });
  await expect(reveal).toBeVisible();
  const link = await reveal.getByLabel("Invitation link").inputValue();
  await page.keyboard.press("Escape");
  await expect(reveal).toBeVisible();
  await activate(page, reveal.getByRole("button", { name: "Copy", exact: true }));
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
  await activate(page, reveal.getByLabel("I have copied the link"), "Space");
  await activate(page, reveal.getByRole("button", { name: "Done" }));
  await expect(reveal).toBeHidden();
  await expect(page.getByRole("table", { name: "Pending invitations" })).toContainText("keyboard.invitee@example.com");

  // Link a group, then unlink it through its confirmation.
  const linkForm = page.getByRole("form", { name: "Link a group" });
  await tabTo(page, linkForm.getByLabel("Group path"));
  await page.keyboard.type("/acme/keyboard-team");
  await page.keyboard.press("Enter");
  const linked = page.getByRole("table", { name: "Linked groups" });
  await expect(linked).toContainText("/acme/keyboard-team");
  await activate(page, linked.getByRole("button", { name: "Unlink /acme/keyboard-team" }));
  const confirm = page.getByRole("dialog", { name: "Unlink /acme/keyboard-team?" });
  await expect(confirm).toBeVisible();
  await activate(page, confirm.getByRole("button", { name: "Unlink group" }));
  await expect(confirm).toBeHidden();
  await expect(page.getByText("No groups are linked.")).toBeVisible();
});
