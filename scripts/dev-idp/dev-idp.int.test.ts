import { createHash, createPublicKey, randomBytes, verify, type JsonWebKey } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { findGroupByPath } from "./groups";
import { startDevIdp, type DevIdp } from "./server";
import { devUsers } from "./users";

// Drives the provider the way next-auth's Keycloak provider and a browser
// do, with plain fetch, so a change that would break sign-in fails here.

const appUrl = "http://localhost:3000";
const redirectUri = `${appUrl}/api/auth/callback/keycloak`;
const clientId = "keydeck-dashboard";
const clientSecret = "test-secret";
const alice = devUsers.find((user) => user.username === "alice")!;
const bob = devUsers.find((user) => user.username === "bob")!;
const carol = devUsers.find((user) => user.username === "carol")!;

let idp: DevIdp;
let dataDir: string;
const logLines: string[] = [];

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "dev-idp-test-"));
  idp = await startDevIdp({ port: 0, dataDir, appUrls: [appUrl], clientId, clientSecret, log: (line) => logLines.push(line) });
});

afterAll(async () => {
  await idp?.close();
  await rm(dataDir, { recursive: true, force: true });
});

const endpoint = (path: string) => `${idp.issuer}/protocol/openid-connect/${path}`;
const basicAuth = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`;

/** A call to the group part of the admin API, as the dashboard's client by default. */
function admin(method: string, path: string, authorization: string | null = basicAuth(clientId, clientSecret)) {
  return fetch(`${idp.adminUrl}${path}`, { method, headers: authorization ? { authorization } : {} });
}

/** fetch with a cookie jar and no automatic redirects, like one browser tab. */
class Browser {
  private readonly cookies = new Map<string, string>();

  async request(url: string | URL, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) {
      headers.set("cookie", [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; "));
    }
    const response = await fetch(url, { ...init, headers, redirect: "manual" });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = "", ...attributes] = cookie.split(";");
      const name = pair.slice(0, pair.indexOf("="));
      const value = pair.slice(pair.indexOf("=") + 1);
      const expired = attributes.some((attribute) => /expires=.*1970/i.test(attribute));
      if (!value || expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }
}

function locationOf(response: Response): URL {
  const location = response.headers.get("location");
  expect(location, `expected a redirect, got ${response.status}`).toBeTruthy();
  return new URL(location!, response.url);
}

function formAction(html: string, formId: string, issuer = idp.issuer): string {
  const form = new RegExp(`<form id="${formId.replace(".", "\\.")}"[^>]*action="([^"]+)"`).exec(html);
  expect(form, `form #${formId} in page`).toBeTruthy();
  return new URL(form![1]!.replaceAll("&amp;", "&"), issuer).href;
}

/** Where a sign-in runs: the shared provider and app, unless a test starts its own. */
type Realm = { issuer: string; redirect: string };
const sharedRealm = (): Realm => ({ issuer: idp.issuer, redirect: redirectUri });

function authorizationRequest(realm = sharedRealm()) {
  const verifier = randomBytes(32).toString("base64url");
  const state = randomBytes(16).toString("base64url");
  const url = new URL(`${realm.issuer}/protocol/openid-connect/auth`);
  url.search = new URLSearchParams({
    client_id: clientId,
    redirect_uri: realm.redirect,
    response_type: "code",
    scope: "openid email profile",
    state,
    code_challenge: createHash("sha256").update(verifier).digest("base64url"),
    code_challenge_method: "S256",
  }).toString();
  return { url, verifier, state };
}

/** Follows redirects until the browser lands on the app's callback. */
async function followToCallback(browser: Browser, response: Response, realm = sharedRealm()): Promise<URL> {
  for (let hops = 0; hops < 5; hops++) {
    const next = locationOf(response);
    if (next.href.startsWith(realm.redirect)) return next;
    response = await browser.request(next);
  }
  throw new Error("too many redirects");
}

async function openLoginForm(browser: Browser, realm = sharedRealm()) {
  const request = authorizationRequest(realm);
  const loginPage = await browser.request(locationOf(await browser.request(request.url)));
  expect(loginPage.status).toBe(200);
  const html = await loginPage.text();
  return { ...request, html, action: formAction(html, "kc-form-login", realm.issuer) };
}

async function signIn(browser: Browser, username: string, password: string, realm = sharedRealm()) {
  const { verifier, state, action } = await openLoginForm(browser, realm);
  const submitted = await browser.request(action, { method: "POST", body: new URLSearchParams({ username, password }) });
  expect(submitted.status).toBe(303);
  const callback = await followToCallback(browser, submitted, realm);
  expect(callback.searchParams.get("state")).toBe(state);
  expect(callback.searchParams.get("iss")).toBe(realm.issuer);

  const tokenResponse = await fetch(`${realm.issuer}/protocol/openid-connect/token`, {
    method: "POST",
    headers: { authorization: basicAuth(clientId, clientSecret) },
    body: new URLSearchParams({
      grant_type: "authorization_code",
      code: callback.searchParams.get("code") ?? "",
      redirect_uri: realm.redirect,
      code_verifier: verifier,
    }),
  });
  expect(tokenResponse.status).toBe(200);
  return (await tokenResponse.json()) as Record<string, unknown>;
}

async function fetchJwks(issuer: string): Promise<JsonWebKey[]> {
  const response = await fetch(`${issuer}/protocol/openid-connect/certs`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { keys: JsonWebKey[] }).keys;
}

/** Checks the RS256 signature against the published JWKS and returns the claims. */
async function verifiedClaims(idToken: unknown, issuer = idp.issuer): Promise<Record<string, unknown>> {
  const [header = "", payload = "", signature = ""] = String(idToken).split(".");
  const { alg, kid } = JSON.parse(Buffer.from(header, "base64url").toString()) as { alg: string; kid: string };
  expect(alg).toBe("RS256");
  const jwk = (await fetchJwks(issuer)).find((key) => key.kid === kid);
  expect(jwk, "signing key in JWKS").toBeTruthy();
  const key = createPublicKey({ key: jwk!, format: "jwk" });
  expect(verify("RSA-SHA256", Buffer.from(`${header}.${payload}`), key, Buffer.from(signature, "base64url"))).toBe(true);
  return JSON.parse(Buffer.from(payload, "base64url").toString()) as Record<string, unknown>;
}

describe("dev identity provider", () => {
  it("publishes a Keycloak-shaped discovery document", async () => {
    const response = await fetch(`${idp.issuer}/.well-known/openid-configuration`);
    expect(response.status).toBe(200);
    const discovery = (await response.json()) as Record<string, unknown>;
    expect(idp.issuer).toBe(`http://127.0.0.1:${idp.port}/realms/keydeck`);
    expect(discovery).toMatchObject({
      issuer: idp.issuer,
      authorization_endpoint: endpoint("auth"),
      token_endpoint: endpoint("token"),
      userinfo_endpoint: endpoint("userinfo"),
      end_session_endpoint: endpoint("logout"),
      jwks_uri: endpoint("certs"),
      code_challenge_methods_supported: ["S256"],
    });
    expect(discovery.id_token_signing_alg_values_supported).toContain("RS256");
    expect(discovery.token_endpoint_auth_methods_supported).toContain("client_secret_basic");
  });

  it("publishes only public RS256 signing keys", async () => {
    const keys = await fetchJwks(idp.issuer);
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) {
      expect(key).toMatchObject({ kty: "RSA", alg: "RS256", use: "sig" });
      expect(key).not.toHaveProperty("d");
      expect(key).not.toHaveProperty("p");
    }
  });

  it("signs in with the authorization code flow, PKCE and client_secret_basic", async () => {
    const tokens = await signIn(new Browser(), "alice", alice.password);
    expect(tokens).toMatchObject({
      token_type: "Bearer",
      expires_in: 300,
      scope: "openid email profile",
      "not-before-policy": 0,
    });
    expect(typeof tokens.access_token).toBe("string");
    expect(typeof tokens.refresh_token).toBe("string");
    expect(tokens.refresh_expires_in).toEqual(expect.any(Number));
    expect(tokens.refresh_expires_in).toBeGreaterThan(0);
    expect(tokens.session_state).toEqual(expect.any(String));

    expect(await verifiedClaims(tokens.id_token)).toMatchObject({
      iss: idp.issuer,
      aud: clientId,
      sub: alice.sub,
      email: "alice@example.com",
      email_verified: true,
      name: "Alice Anderson",
      given_name: "Alice",
      family_name: "Anderson",
      preferred_username: "alice",
      groups: ["/acme/payments-admins"],
    });
    expect(logLines).toContain("dev-idp: alice signed in");
  });

  it("accepts the email address, in any case, as the login", async () => {
    const tokens = await signIn(new Browser(), "BOB@Example.com", bob.password);
    expect(await verifiedClaims(tokens.id_token)).toMatchObject({ sub: bob.sub, preferred_username: "bob" });
  });

  it("shows the form again with an error on a wrong password", async () => {
    const browser = new Browser();
    const { html, action } = await openLoginForm(browser);
    expect(html).toContain("Sign in to your account");
    expect(html).toContain('<label for="username">Username or email</label>');
    expect(html).toContain('<label for="password">Password</label>');
    expect(html).not.toMatch(/<(link|script)\b|https?:\/\/fonts/i);

    const username = '"><script>alert(1)</script>';
    const response = await browser.request(action, {
      method: "POST",
      body: new URLSearchParams({ username, password: "wrong" }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("location")).toBeNull();
    const retry = await response.text();
    expect(retry).toContain("Invalid username or password.");
    expect(retry).toContain("&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(retry).not.toContain("<script>alert(1)");

    const wrongPassword = await browser.request(action, {
      method: "POST",
      body: new URLSearchParams({ username: "alice", password: "bob-password" }),
    });
    expect(wrongPassword.status).toBe(200);
    expect(await wrongPassword.text()).toContain("Invalid username or password.");
  });

  it("refuses an authorization request without PKCE", async () => {
    const { url } = authorizationRequest();
    url.searchParams.delete("code_challenge");
    url.searchParams.delete("code_challenge_method");
    const callback = locationOf(await new Browser().request(url));
    expect(callback.href.startsWith(redirectUri)).toBe(true);
    expect(callback.searchParams.get("error")).toBe("invalid_request");
  });

  it("ends the session on logout with id_token_hint and returns to the app", async () => {
    const browser = new Browser();
    const tokens = await signIn(browser, "alice", alice.password);

    // While the session lasts, a new sign-in skips the form, as with Keycloak SSO.
    const silent = locationOf(await browser.request(authorizationRequest().url));
    expect(silent.href.startsWith(redirectUri)).toBe(true);

    const logoutUrl = new URL(endpoint("logout"));
    logoutUrl.search = new URLSearchParams({
      id_token_hint: String(tokens.id_token),
      post_logout_redirect_uri: `${appUrl}/`,
    }).toString();
    const logoutPage = await browser.request(logoutUrl);
    expect(logoutPage.status).toBe(200);
    const html = await logoutPage.text();
    expect(html).toContain('document.getElementById("kc-logout").click()');
    expect(html).not.toMatch(/https?:\/\/fonts/i);
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)?.[1];
    expect(xsrf).toBeTruthy();

    // What the auto-submitted form (its "Log out" button) sends.
    const confirmed = await browser.request(formAction(html, "op.logoutForm"), {
      method: "POST",
      body: new URLSearchParams({ xsrf: xsrf!, logout: "yes" }),
    });
    expect(confirmed.status).toBe(303);
    expect(locationOf(confirmed).href).toBe(`${appUrl}/`);
    expect(logLines).toContain("dev-idp: alice signed out");

    const afterLogout = locationOf(await browser.request(authorizationRequest().url));
    expect(afterLogout.pathname).toMatch(/^\/realms\/keydeck\/interaction\//);
  });

  it("posts a signed logout token to the app's back-channel URL when the session ends at the provider", async () => {
    const received: string[] = [];
    const app = createServer((req, res) => {
      let body = "";
      req.on("data", (chunk) => (body += chunk)).on("end", () => {
        received.push(`${req.method} ${req.url} ${body}`);
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", resolve));
    const appOrigin = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
    const ownDir = await mkdtemp(join(tmpdir(), "dev-idp-bc-"));
    const lines: string[] = [];
    const own = await startDevIdp({ port: 0, dataDir: ownDir, appUrls: [appOrigin], clientId, clientSecret, log: (l) => lines.push(l) });
    try {
      const browser = new Browser();
      const realm = { issuer: own.issuer, redirect: `${appOrigin}/api/auth/callback/keycloak` };
      const tokens = await signIn(browser, "alice", alice.password, realm);
      const idClaims = await verifiedClaims(tokens.id_token, own.issuer);
      expect(tokens.session_state).toBe(idClaims.sid);

      // Logout at the provider itself, without id_token_hint: it asks, the user confirms.
      const page = await browser.request(`${own.issuer}/protocol/openid-connect/logout`);
      const html = await page.text();
      expect(html).toContain("Do you want to log out?");
      const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)?.[1];
      await browser.request(formAction(html, "op.logoutForm", own.issuer), { method: "POST", body: new URLSearchParams({ xsrf: xsrf!, logout: "yes" }) });

      expect(lines.filter((line) => line.includes("back-channel"))).toEqual([]);
      expect(received).toHaveLength(1);
      const [request = ""] = received;
      expect(request).toMatch(/^POST \/auth\/backchannel-logout logout_token=/);
      const logoutToken = new URLSearchParams(request.split(" ")[2]).get("logout_token");
      const claims = await verifiedClaims(logoutToken, own.issuer);
      expect(claims).toMatchObject({ iss: own.issuer, aud: clientId, sub: alice.sub, sid: idClaims.sid });
      expect(claims.events).toEqual({ "http://schemas.openid.net/event/backchannel-logout": {} });
      expect(claims).not.toHaveProperty("nonce");
    } finally {
      await own.close();
      await new Promise((resolve) => app.close(resolve));
      await rm(ownDir, { recursive: true, force: true });
    }
  });

  it("lists the realm's groups as Keycloak's admin API does, subgroups filled in", async () => {
    const response = await admin("GET", "/groups");
    expect(response.status).toBe(200);
    const [acme, ...others] = (await response.json()) as Array<Record<string, unknown>>;
    expect(others).toEqual([]);
    expect(acme).toMatchObject({ name: "acme", path: "/acme", subGroupCount: 3 });
    expect(acme!.subGroups).toEqual([
      expect.objectContaining({ name: "payments-admins", path: "/acme/payments-admins", parentId: acme!.id }),
      expect.objectContaining({ name: "payments-developers", path: "/acme/payments-developers", parentId: acme!.id }),
      expect.objectContaining({ name: "support", path: "/acme/support", parentId: acme!.id }),
    ]);
  });

  it("puts the user's full group paths in the id token and userinfo, and no claim for a user in none", async () => {
    const tokens = await signIn(new Browser(), "carol", carol.password);
    expect((await verifiedClaims(tokens.id_token)).groups).toEqual(["/acme/payments-developers"]);
    const userinfo = await fetch(endpoint("userinfo"), { headers: { authorization: `Bearer ${String(tokens.access_token)}` } });
    expect(userinfo.status).toBe(200);
    expect(await userinfo.json()).toMatchObject({ sub: carol.sub, groups: ["/acme/payments-developers"] });

    // Keycloak's mapper leaves an empty membership out rather than sending [].
    const bobTokens = await signIn(new Browser(), "bob", bob.password);
    expect(await verifiedClaims(bobTokens.id_token)).not.toHaveProperty("groups");
  });

  it("applies a group change made through the admin API from the next token on", async () => {
    const developers = findGroupByPath("/acme/payments-developers")!;
    const carolGroups = `/users/${carol.sub}/groups`;
    const before = await signIn(new Browser(), "carol", carol.password);
    expect((await verifiedClaims(before.id_token)).groups).toEqual(["/acme/payments-developers"]);

    try {
      const removed = await admin("DELETE", `${carolGroups}/${developers.id}`);
      expect(removed.status).toBe(204);
      expect(await removed.text()).toBe("");
      expect(logLines).toContain("dev-idp: carol left /acme/payments-developers");
      expect(await (await admin("GET", carolGroups)).json()).toEqual([]);
      // Removing again is no error, as in Keycloak.
      expect((await admin("DELETE", `${carolGroups}/${developers.id}`)).status).toBe(204);

      const after = await signIn(new Browser(), "carol", carol.password);
      expect(await verifiedClaims(after.id_token)).not.toHaveProperty("groups");
      // A refresh is a new token too: the old sign-in's next id token drops the group.
      const refreshed = await fetch(endpoint("token"), {
        method: "POST",
        headers: { authorization: basicAuth(clientId, clientSecret) },
        body: new URLSearchParams({ grant_type: "refresh_token", refresh_token: String(before.refresh_token) }),
      });
      expect(refreshed.status).toBe(200);
      const { id_token: refreshedIdToken } = (await refreshed.json()) as Record<string, unknown>;
      expect(await verifiedClaims(refreshedIdToken)).not.toHaveProperty("groups");
    } finally {
      expect((await admin("PUT", `${carolGroups}/${developers.id}`)).status).toBe(204);
    }
    expect(await (await admin("GET", carolGroups)).json()).toEqual([
      { id: developers.id, name: "payments-developers", path: "/acme/payments-developers", parentId: developers.parentId },
    ]);
    const again = await signIn(new Browser(), "carol", carol.password);
    expect((await verifiedClaims(again.id_token)).groups).toEqual(["/acme/payments-developers"]);
  });

  it("refuses the admin API without the client's Basic credentials, and answers 404 for unknown users and groups", async () => {
    const developers = findGroupByPath("/acme/payments-developers")!;
    const membership = `/users/${carol.sub}/groups/${developers.id}`;
    const refused = [
      await admin("DELETE", membership, null),
      await admin("DELETE", membership, basicAuth(clientId, "wrong-secret")),
      await admin("DELETE", membership, basicAuth("another-client", clientSecret)),
      await admin("GET", "/groups", `Bearer ${clientSecret}`),
      await admin("GET", "/no-such-path", null),
    ];
    for (const response of refused) {
      expect(response.status).toBe(401);
      expect(response.headers.get("www-authenticate")).toMatch(/^Basic /);
      expect(await response.json()).toEqual({ error: "HTTP 401 Unauthorized" });
    }
    expect(await (await admin("GET", `/users/${carol.sub}/groups`)).json()).toHaveLength(1);

    const unknownGroup = await admin("PUT", `/users/${carol.sub}/groups/00000000-0000-4000-8000-000000000000`);
    expect(unknownGroup.status).toBe(404);
    expect(await unknownGroup.json()).toEqual({ error: "Group not found" });
    const unknownUser = await admin("GET", "/users/00000000-0000-4000-8000-000000000000/groups");
    expect(unknownUser.status).toBe(404);
    expect(await unknownUser.json()).toEqual({ error: "User not found" });
    const otherRealm = await fetch(`${idp.adminUrl.replace(/keydeck$/, "master")}/groups`, {
      headers: { authorization: basicAuth(clientId, clientSecret) },
    });
    expect(otherRealm.status).toBe(404);
    expect((await admin("POST", `/users/${carol.sub}/groups`)).status).toBe(405);
  });

  it("keeps its signing keys across restarts", async () => {
    const restarted = await startDevIdp({ port: 0, dataDir, appUrls: [appUrl], log: () => {} });
    try {
      const kids = async (issuer: string) => (await fetchJwks(issuer)).map((key) => key.kid);
      expect(await kids(restarted.issuer)).toEqual(await kids(idp.issuer));
    } finally {
      await restarted.close();
    }
  });

  it("refuses to start with NODE_ENV=production", async () => {
    vi.stubEnv("NODE_ENV", "production");
    try {
      await expect(startDevIdp({ port: 0, dataDir })).rejects.toThrow(
        /refuses to run with NODE_ENV=production.*KEYCLOAK_ISSUER/,
      );
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
