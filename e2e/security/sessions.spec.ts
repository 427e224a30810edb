import { generateKeyPairSync, createSign, randomUUID } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { query } from "../support/db";
import { SESSION_COOKIE, sessionCookie } from "../support/session";
import { signIn } from "../support/sign-in";
import { dave } from "../support/users";

// dave's own sessions: the last test logs him out at the identity provider,
// which ends all of them. One after another, in fresh browser contexts.
test.describe.configure({ mode: "serial" });

const ISSUER = `http://127.0.0.1:${process.env.E2E_IDP_PORT ?? 18080}/realms/keydeck`;

async function signInAsDave(page: Page) {
  await signIn(page, dave);
  await expect(page).toHaveURL(/\/projects$/);
  const cookie = await sessionCookie(page.context());
  expect(cookie, `a ${SESSION_COOKIE} cookie`).toBeDefined();
  return cookie!;
}

async function sessionRows(token: string) {
  return query(`select 1 from sessions where session_token = $1`, [token]);
}

async function daveSessionCount() {
  const [row] = await query<{ count: string }>(
    `select count(*) from sessions s join users u on u.id = s.user_id where u.email = $1`,
    [dave.email],
  );
  return Number(row?.count);
}

test("the session cookie is HttpOnly, SameSite=Lax and Secure", async ({ page }) => {
  const cookie = await signInAsDave(page);
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", secure: true, path: "/" });
  // Every next-auth cookie is Secure in production (state, PKCE, callback, CSRF).
  for (const other of (await page.context().cookies()).filter((c) => c.name.includes("next-auth"))) {
    expect(other.secure, other.name).toBe(true);
  }
});

test("a tampered or forged session cookie gets no data and is sent to sign in", async ({ page, context }) => {
  const cookie = await signInAsDave(page);
  const last = cookie.value.at(-1) === "a" ? "b" : "a";
  for (const value of [`${cookie.value.slice(0, -1)}${last}`, randomUUID(), "forged-token"]) {
    await context.clearCookies();
    await context.addCookies([{ ...cookie, value }]);
    await page.goto("/projects");
    await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fprojects$/);
    const api = await page.request.get("/api/projects");
    expect(api.status()).toBe(401);
    expect(await api.json()).toEqual({ error: { code: "unauthenticated", message: "Sign in to continue." } });
  }
});

test("an expired session sends the user to sign in, then back to the page asked for", async ({ page }) => {
  const cookie = await signInAsDave(page);
  await query(`update sessions set expires = now() - interval '1 minute' where session_token = $1`, [cookie.value]);

  await page.goto("/docs/api?tab=verify");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fdocs%2Fapi%3Ftab%3Dverify$/);
  expect(await sessionRows(cookie.value)).toHaveLength(0); // next-auth deleted the expired row
  expect((await page.request.get("/api/projects")).status()).toBe(401);

  // The identity provider still knows dave, so signing in needs no password.
  await page.getByRole("button", { name: "Sign in with Keycloak" }).click();
  await expect(page).toHaveURL(/\/docs\/api\?tab=verify$/);
  await expect(page.getByText(dave.name)).toBeVisible();
});

test("a logout token that is not the identity provider's ends nothing", async ({ page, request }) => {
  const cookie = await signInAsDave(page);
  const now = Math.floor(Date.now() / 1000);
  const claims = {
    iss: ISSUER,
    aud: "keydeck-dashboard",
    iat: now,
    jti: randomUUID(),
    sub: dave.sub,
    events: { "http://schemas.openid.net/event/backchannel-logout": {} },
  };
  // Well-formed, but signed with a key the identity provider never published.
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const unsigned = `${encode({ alg: "RS256", typ: "logout+jwt", kid: "attacker" })}.${encode(claims)}`;
  const forged = `${unsigned}.${createSign("RSA-SHA256").update(unsigned).sign(privateKey).toString("base64url")}`;
  // The identity provider's own id token for dave is signed correctly, but it is not a logout token.
  const [account] = await query<{ id_token: string }>(
    `select a.id_token from accounts a join users u on u.id = a.user_id where u.email = $1`,
    [dave.email],
  );
  const none = `${encode({ alg: "none" })}.${encode(claims)}.`;

  for (const token of [forged, account!.id_token, none, "not-a-jwt"]) {
    const response = await request.post("/auth/backchannel-logout", { form: { logout_token: token } });
    expect(response.status()).toBe(400);
    expect(await response.json()).toEqual({ error: { code: "invalid_request", message: "The logout token is not valid." } });
  }
  expect(await sessionRows(cookie.value)).toHaveLength(1);
  await page.goto("/projects");
  await expect(page).toHaveURL(/\/projects$/);
});

test("logging out at the identity provider ends the app session (back-channel logout)", async ({ page, browser }) => {
  const cookie = await signInAsDave(page);
  // A second device of dave's, signed in separately.
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signInAsDave(otherPage);
  expect(await daveSessionCount()).toBeGreaterThanOrEqual(2);

  // Dave logs out at the identity provider itself, not through the app.
  await page.goto(`${ISSUER}/protocol/openid-connect/logout`);
  await expect(page.getByRole("heading", { name: "Do you want to log out?" })).toBeVisible();
  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page.getByRole("heading", { name: "You are signed out" })).toBeVisible();

  // The provider told the app, server to server: every session of dave's ended.
  await expect.poll(daveSessionCount).toBe(0);
  expect(await sessionRows(cookie.value)).toHaveLength(0);
  await page.goto("/projects");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fprojects$/);
  await otherPage.goto("/projects");
  await expect(otherPage).toHaveURL(/\/login\?callbackUrl=%2Fprojects$/);
  expect((await otherPage.request.get("/api/projects")).status()).toBe(401);
  await other.close();
});
