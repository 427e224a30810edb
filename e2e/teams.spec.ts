import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { IDP_ADMIN_URL, IDP_CLIENT, SMTP_PORT } from "../playwright.config";
import { findGroupByPath } from "../scripts/dev-idp/groups";
import { clientFor } from "./support/app-client";
import { query } from "./support/db";
import { sessionCookie } from "./support/session";
import { signIn, uniqueName } from "./support/sign-in";
import { alice, bob, carol, storageStateOf } from "./support/users";
import type { DevUser } from "../scripts/dev-idp/users";

// The teams journeys of issue 15, as people meet them: alice invites bob by
// email (a real SMTP server receives the message, and bob follows the link
// in it), changes his role and removes him; carol gets in and out through a
// Keycloak group. Each person has a browser of their own.

test.describe.configure({ mode: "serial", timeout: 180_000 });

type Mail = { to: string; text: string };

/** A real SMTP server on the port the app sends to; messages are parsed as a mail client would. */
async function startMailbox() {
  const mails: Mail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const to = [parsed.to].flat().flatMap((a) => a?.value.map((v) => v.address ?? "") ?? []);
          mails.push({ to: to.join(","), text: parsed.text ?? "" });
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.server.once("error", reject);
    server.listen(SMTP_PORT, "127.0.0.1", () => resolve());
  });
  expect((server.server.address() as AddressInfo).port).toBe(SMTP_PORT);
  return {
    /** The invitation link in the newest message to `address`. */
    async linkFor(address: string): Promise<string> {
      let link: string | undefined;
      await expect
        .poll(() => {
          const mail = mails.filter((m) => m.to.includes(address)).at(-1);
          link = mail?.text.match(/https?:\/\/\S+\/invitations\/[A-Za-z0-9_-]{43}/)?.[0];
          return link;
        }, { message: `an invitation email to ${address}` })
        .toBeTruthy();
      return link!;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function newSession(browser: Browser, user: DevUser, startAt?: string): Promise<Page> {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await signIn(page, user, startAt);
  return page;
}

/** Keycloak's admin API (the dev identity provider imitates it): put a user in or take them out of a group. */
async function setGroupMembership(user: DevUser, groupPath: string, member: boolean) {
  const group = findGroupByPath(groupPath);
  if (!group) throw new Error(`the dev identity provider has no group ${groupPath}`);
  const response = await fetch(`${IDP_ADMIN_URL}/users/${user.sub}/groups/${group.id}`, {
    method: member ? "PUT" : "DELETE",
    headers: { authorization: `Basic ${Buffer.from(`${IDP_CLIENT.id}:${IDP_CLIENT.secret}`).toString("base64")}` },
  });
  expect(response.status).toBe(204);
}

/** Moves the page's database session back in time, as if it had last been refreshed `minutes` ago. */
async function ageSession(page: Page, minutes: number) {
  const cookie = await sessionCookie(page.context());
  if (!cookie) throw new Error("the page has no session");
  const [row] = await query<{ count: string }>(
    "WITH aged AS (UPDATE sessions SET expires = expires - make_interval(mins => $2) WHERE session_token = $1 RETURNING 1) SELECT count(*) FROM aged",
    [cookie.value, minutes],
  );
  expect(Number(row?.count)).toBe(1);
}

async function newProject(baseURL: string) {
  const owner = await clientFor(baseURL, alice);
  const project = await owner.ok<{ id: string; name: string; slug: string }>("createProject", "", { name: uniqueName("Team"), idempotencyKey: randomUUID() });
  await owner.dispose();
  return project;
}

test("alice invites bob as a viewer by email; he accepts, is promoted to developer, creates a test key, and is removed", async ({ browser, baseURL }) => {
  const mailbox = await startMailbox();
  try {
    const project = await newProject(baseURL!);
    const aliceContext = await browser.newContext({ storageState: storageStateOf(alice) });
    await aliceContext.grantPermissions(["clipboard-read", "clipboard-write"]);
    const alicePage = await aliceContext.newPage();

    // Alice invites bob: the link is shown once, with a Copy button, and emailed.
    await alicePage.goto(`/projects/${project.slug}/members`);
    await expect(alicePage.getByRole("link", { name: "Members" })).toHaveAttribute("aria-current", "page");
    await expect(alicePage.getByText("No pending invitations.")).toBeVisible();
    await alicePage.getByRole("button", { name: "Invite member" }).click();
    const dialog = alicePage.getByRole("dialog", { name: "Invite a member" });
    await dialog.getByLabel("Email address").fill("not-an-address");
    await dialog.getByLabel("Role").selectOption({ label: "Viewer" });
    await dialog.getByRole("button", { name: "Send invitation" }).click();
    await expect(dialog.getByText("Enter an email address like name@example.com.")).toBeVisible();
    await dialog.getByLabel("Email address").fill(bob.email.toUpperCase());
    await dialog.getByRole("button", { name: "Send invitation" }).click();
    const reveal = alicePage.getByRole("dialog", { name: "Copy the invitation link" });
    await expect(reveal.getByText(`We also emailed this link to ${bob.email}.`)).toBeVisible();
    const shown = await reveal.getByLabel("Invitation link").inputValue();
    await reveal.getByRole("button", { name: "Copy", exact: true }).click();
    await expect(reveal.getByRole("button", { name: "Copied" })).toBeVisible();
    expect(await alicePage.evaluate(() => navigator.clipboard.readText())).toBe(shown);
    await reveal.getByLabel("I have copied the link").check();
    await reveal.getByRole("button", { name: "Done" }).click();
    const invitations = alicePage.getByRole("table", { name: "Pending invitations" });
    await expect(invitations.getByRole("row", { name: new RegExp(bob.email) })).toContainText("Viewer");
    await expect(invitations.getByRole("row", { name: new RegExp(bob.email) })).toContainText(alice.name);

    // Bob follows the link in the email: signs in, sees who invited him to what, accepts.
    const link = await mailbox.linkFor(bob.email);
    expect(link).toBe(shown);
    const bobPage = await newSession(browser, bob, link);
    await expect(bobPage.getByRole("heading", { name: `Join ${project.name}` })).toBeVisible();
    await expect(bobPage.getByText(`${alice.name} invited you to ${project.name} as Viewer.`)).toBeVisible();
    await bobPage.getByRole("button", { name: "Accept invitation" }).click();
    await expect(bobPage).toHaveURL(new RegExp(`/projects/${project.slug}$`));
    await bobPage.getByRole("link", { name: "API keys" }).click();
    await expect(bobPage.getByRole("note")).toHaveText(/Your role here is Viewer: you cannot create, rotate or revoke keys/);
    await expect(bobPage.getByRole("button", { name: "Create key" })).toHaveCount(0);

    // The link was single-use.
    const again = await bobPage.context().newPage();
    await again.goto(link);
    await expect(again.getByRole("heading", { name: "Invitation no longer valid" })).toBeVisible();
    await again.close();

    // Alice makes bob a developer; his next page load can create a test key.
    await alicePage.reload();
    const members = alicePage.getByRole("table", { name: "Members" });
    const bobRow = members.getByRole("row", { name: new RegExp(bob.name) });
    await expect(bobRow).toContainText("Viewer");
    await expect(bobRow).toContainText("Invited");
    await bobRow.getByRole("button", { name: `Change role of ${bob.name}` }).click();
    const roleDialog = alicePage.getByRole("dialog", { name: `Change ${bob.name}'s role` });
    await roleDialog.getByLabel("Role").selectOption({ label: "Developer" });
    await roleDialog.getByRole("button", { name: "Save role" }).click();
    await expect(roleDialog).toBeHidden();
    await expect(bobRow).toContainText("Developer");

    await bobPage.reload();
    await bobPage.getByRole("button", { name: "Create key" }).first().click();
    const create = bobPage.getByRole("dialog", { name: "Create API key" });
    await create.getByLabel("Name").fill("bob's test key");
    await create.getByLabel("Test").check();
    await create.getByRole("button", { name: "Create key" }).click();
    const revealKey = bobPage.getByRole("dialog", { name: "Copy your new key" });
    await expect(revealKey).toBeVisible();
    await revealKey.getByLabel("I have copied this key and stored it safely.").check();
    await revealKey.getByRole("button", { name: "Done" }).click();
    // Bob opens the form again and leaves it open: the server action is already loaded in his browser.
    await bobPage.getByRole("button", { name: "Create key" }).first().click();
    await create.getByLabel("Name").fill("after removal");
    await create.getByLabel("Test").check();

    // Alice removes bob: the row goes only once the server has removed him, and his next page load is a 404.
    await bobRow.getByRole("button", { name: `Remove ${bob.name}` }).click();
    const removeDialog = alicePage.getByRole("dialog", { name: `Remove ${bob.name}?` });
    await removeDialog.getByRole("button", { name: "Remove member" }).click();
    await expect(removeDialog).toBeHidden();
    await expect(members.getByRole("row", { name: new RegExp(bob.name) })).toHaveCount(0);

    // His open form's action is refused on its very next call, and his next page load is a 404.
    await create.getByRole("button", { name: "Create key" }).click();
    await expect(create.getByText("Not found, or you do not have access to it.")).toBeVisible();
    expect(await query("SELECT 1 FROM api_keys WHERE project_id = $1 AND name = 'after removal'", [project.id])).toHaveLength(0);
    await bobPage.goto(`/projects/${project.slug}/keys`);
    await expect(bobPage.getByRole("heading", { name: "Not found" })).toBeVisible();
    await Promise.all([aliceContext.close(), bobPage.context().close()]);
  } finally {
    await mailbox.close();
  }
});

test("an invitation is refused, with a page saying whom it is for, to anyone signed in with another address", async ({ browser, baseURL }) => {
  const project = await newProject(baseURL!);
  const owner = await clientFor(baseURL!, alice);
  const issued = await owner.ok<{ link: string }>("inviteMember", project.slug, { projectId: project.id, email: "someone.else@example.com", role: "admin", idempotencyKey: randomUUID() });
  await owner.dispose();
  const bobContext = await browser.newContext({ storageState: storageStateOf(bob) });
  const page = await bobContext.newPage();
  await page.goto(new URL(issued.link).pathname);
  await expect(page.getByRole("heading", { name: "This invitation is for someone else" })).toBeVisible();
  await expect(page.getByText("someone.else@example.com", { exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Accept invitation" })).toHaveCount(0);
  await page.goto(`/projects/${project.slug}`);
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  await bobContext.close();
});

test("carol gets the project through a linked Keycloak group, and loses it when she leaves the group: at her next session refresh, and at her next sign-in", async ({ browser, baseURL }) => {
  const group = "/acme/payments-developers";
  const project = await newProject(baseURL!);
  const alicePage = await (await browser.newContext({ storageState: storageStateOf(alice) })).newPage();
  await alicePage.goto(`/projects/${project.slug}/members`);
  const form = alicePage.getByRole("form", { name: "Link a group" });
  await form.getByLabel("Group path").fill(group);
  await form.getByLabel("Group role").selectOption({ label: "Developer" });
  await form.getByRole("button", { name: "Link group" }).click();
  await expect(alicePage.getByRole("table", { name: "Linked groups" }).getByRole("row", { name: new RegExp(group) })).toContainText("Developer");

  try {
    const carolPage = await newSession(browser, carol);
    await expect(carolPage.getByRole("link", { name: new RegExp(project.name) })).toBeVisible();
    await carolPage.goto(`/projects/${project.slug}/keys`);
    await expect(carolPage.getByRole("button", { name: "Create key" }).first()).toBeVisible();

    await alicePage.reload();
    const carolRow = alicePage.getByRole("table", { name: "Members" }).getByRole("row", { name: new RegExp(carol.name) });
    await expect(carolRow).toContainText("Developer");
    await expect(carolRow).toContainText(`Via group ${group}`);
    await expect(carolRow.getByRole("button", { name: `Remove ${carol.name}` })).toBeDisabled();
    await expect(carolRow).toContainText(`Their role comes from the group ${group}`);

    // Taken out of the group in Keycloak: when her session is next refreshed
    // (next-auth does it at most every 15 minutes; here her session is made
    // 16 minutes older), Keydeck reads her groups again and her open page loses the project.
    await setGroupMembership(carol, group, false);
    await ageSession(carolPage, 16);
    await carolPage.reload();
    await expect(carolPage.getByRole("heading", { name: "Not found" })).toBeVisible();

    // Back in the group, she signs in again and has it; taken out and signing in again, she does not.
    await setGroupMembership(carol, group, true);
    const back = await newSession(browser, carol);
    await expect(back.getByRole("link", { name: new RegExp(project.name) })).toBeVisible();
    await setGroupMembership(carol, group, false);
    const again = await newSession(browser, carol);
    await expect(again.getByRole("heading", { name: "Projects", exact: true })).toBeVisible();
    await expect(again.getByRole("link", { name: new RegExp(project.name) })).toHaveCount(0);
    await back.reload();
    await expect(back.getByRole("link", { name: new RegExp(project.name) })).toHaveCount(0);
    await alicePage.reload();
    await expect(alicePage.getByRole("table", { name: "Members" }).getByRole("row", { name: new RegExp(carol.name) })).toHaveCount(0);
    await Promise.all([carolPage.context().close(), back.context().close(), again.context().close()]);
  } finally {
    await setGroupMembership(carol, group, true);
    await alicePage.context().close();
  }
});

test("the only owner cannot leave and is told why; after transferring ownership she can", async ({ browser, baseURL }) => {
  const project = await newProject(baseURL!);
  const owner = await clientFor(baseURL!, alice);
  const issued = await owner.ok<{ link: string }>("inviteMember", project.slug, { projectId: project.id, email: bob.email, role: "admin", idempotencyKey: randomUUID() });
  await owner.dispose();
  const asBob = await clientFor(baseURL!, bob);
  await asBob.ok("acceptInvitation", project.slug, { token: issued.link.split("/invitations/")[1] });
  await asBob.dispose();

  const page = await (await browser.newContext({ storageState: storageStateOf(alice) })).newPage();
  await page.goto(`/projects/${project.slug}/members`);
  await expect(page.getByRole("button", { name: "Leave project" })).toBeDisabled();
  await expect(page.getByText("You are the only owner: make another member an owner, or transfer ownership, before you leave.")).toBeVisible();

  await page.getByRole("button", { name: `Transfer ownership to ${bob.name}` }).click();
  const confirm = page.getByRole("dialog", { name: `Transfer ownership to ${bob.name}?` });
  await confirm.getByRole("button", { name: "Transfer ownership" }).click();
  await expect(confirm).toBeHidden();
  const members = page.getByRole("table", { name: "Members" });
  await expect(members.getByRole("row", { name: new RegExp(bob.name) })).toContainText("Owner");
  await expect(members.getByRole("row", { name: new RegExp(alice.name) })).toContainText("Admin");

  await page.getByRole("button", { name: "Leave project" }).click();
  await page.getByRole("dialog", { name: `Leave ${project.name}?` }).getByRole("button", { name: "Leave project" }).click();
  await expect(page).toHaveURL(/\/projects$/);
  await expect(page.getByRole("link", { name: new RegExp(project.name) })).toHaveCount(0);
  await page.context().close();
});
