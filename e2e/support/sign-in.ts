import { expect, type Page } from "@playwright/test";
import type { DevUser } from "../../scripts/dev-idp/users";

/** Signs in exactly as a person does: the app's button, then the identity provider's form. */
export async function signIn(page: Page, user: DevUser, startAt = "/login") {
  await page.goto(startAt);
  await page.getByRole("button", { name: "Sign in with Keycloak" }).click();
  await expect(page.getByRole("heading", { name: "Sign in to your account" })).toBeVisible();
  await page.getByLabel("Username or email").fill(user.username);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign In" }).click();
}

/** A project name no other test (or earlier run) uses. */
export function uniqueName(prefix: string) {
  return `${prefix} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}
