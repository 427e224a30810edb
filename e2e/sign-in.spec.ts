import { expect, test } from "@playwright/test";
import { signIn } from "./support/sign-in";
import { carol } from "./support/users";
import { query } from "./support/db";
import { SESSION_COOKIE, sessionCookie } from "./support/session";

// These tests sign in and out themselves (as carol), in fresh browser contexts.
test.describe.configure({ mode: "serial" });

test("a signed-out visitor is sent to sign in and comes back to the page asked for", async ({ page }) => {
  await page.goto("/projects?view=all");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fprojects%3Fview%3Dall$/);
  await page.getByRole("button", { name: "Sign in with Keycloak" }).click();
  await page.getByLabel("Username or email").fill(carol.email);
  await page.getByLabel("Password").fill(carol.password);
  await page.getByRole("button", { name: "Sign In" }).click();
  await expect(page).toHaveURL(/\/projects\?view=all$/);
  await expect(page.getByRole("heading", { name: "Projects", exact: true })).toBeVisible();
  await expect(page.getByText(carol.name)).toBeVisible();
});

test("a wrong password is refused at the identity provider", async ({ page }) => {
  await page.goto("/login");
  await page.getByRole("button", { name: "Sign in with Keycloak" }).click();
  await page.getByLabel("Username or email").fill(carol.username);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign In" }).click();
  await expect(page.getByText("Invalid username or password.")).toBeVisible();
  await expect(page).not.toHaveURL(/localhost/);
});

test("signing out ends the app session and the identity provider's session", async ({ page }) => {
  await signIn(page, carol);
  await expect(page).toHaveURL(/\/projects$/);
  const [row] = await query<{ count: string }>(
    `select count(*) from sessions s join users u on u.id = s.user_id where u.email = $1`,
    [carol.email],
  );
  expect(Number(row?.count)).toBeGreaterThan(0);
  const cookie = await sessionCookie(page.context());
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", secure: true });

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByText("You are signed out.")).toBeVisible();

  // The session row is gone, so even a copied cookie is worthless.
  const rows = await query(`select 1 from sessions where session_token = $1`, [cookie!.value]);
  expect(rows).toHaveLength(0);
  await page.goto("/projects");
  await expect(page).toHaveURL(/\/login\?callbackUrl=/);

  // The identity provider asks for credentials again: its session ended too.
  await page.getByRole("button", { name: "Sign in with Keycloak" }).click();
  await expect(page.getByRole("heading", { name: "Sign in to your account" })).toBeVisible();
});

test("a tampered session cookie is refused", async ({ page, context }) => {
  await context.addCookies([{ name: SESSION_COOKIE, value: "forged-token", domain: "localhost", path: "/", secure: true }]);
  await page.goto("/projects");
  await expect(page).toHaveURL(/\/login\?callbackUrl=/);
});
