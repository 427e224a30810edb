import { createHash, randomUUID } from "node:crypto";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { clientFor, type AppClient } from "./support/app-client";
import { pasteKeyIntoSearch, recordTraffic } from "./support/keys";
import { rememberSecret } from "./support/secrets";
import { uniqueName } from "./support/sign-in";
import { alice, bob, storageStateOf } from "./support/users";

// The keys list keeps its filters, search and order in the URL: a reload, a
// shared link and Back show the same list. A pasted key finds its row while
// only its SHA-256 leaves the browser. Each row opens the key's own page.

test.use({ storageState: storageStateOf(alice), permissions: ["clipboard-read", "clipboard-write"] });

type Seeded = { slug: string; projectId: string; name: string; keys: Record<string, { id: string; hint: string; plaintext: string }> };

/** A project of alice's with keys of both environments, one of them revoked, made through the actions. */
async function seedProject(baseURL: string, specs: { name: string; environment: "live" | "test"; revoked?: boolean }[]): Promise<Seeded> {
  const owner: AppClient = await clientFor(baseURL, alice);
  const name = uniqueName("URL state");
  const project = await owner.ok<{ id: string; slug: string }>("createProject", "", { name, idempotencyKey: randomUUID() });
  const keys: Seeded["keys"] = {};
  for (const spec of specs) {
    const key = await owner.ok<{ id: string; hint: string; plaintext: string }>("createKey", project.slug, {
      projectId: project.id,
      name: spec.name,
      environment: spec.environment,
      expiry: { kind: "never" },
      idempotencyKey: randomUUID(),
    });
    keys[spec.name] = key;
    // The end-of-run scan (e2e/security/secret-scan.spec.ts) looks for it everywhere, this list included.
    rememberSecret({ kind: "API key", value: key.plaintext, pages: [`/projects/${project.slug}/keys`, `/projects/${project.slug}/keys/${key.id}`] });
    if (spec.revoked) await owner.ok("revokeKey", project.slug, { projectId: project.id, keyId: key.id });
  }
  await owner.dispose();
  return { slug: project.slug, projectId: project.id, name, keys };
}

const keyTable = (page: Page) => page.getByRole("table", { name: "API keys" });

/** The names in the list, in the order shown (each name is the link to its key's page). */
async function listedNames(page: Page): Promise<string[]> {
  return keyTable(page).getByRole("row").locator("td:first-child a").allTextContents();
}

async function expectList(page: Page, names: string[]) {
  await expect(page.getByText(`${names.length} ${names.length === 1 ? "key" : "keys"}`, { exact: true })).toBeVisible();
  await expect.poll(() => listedNames(page)).toEqual(names);
}

async function expectControls(page: Page, values: { search: string; status: string; environment: string; sort: string }) {
  await expect(page.getByLabel("Search")).toHaveValue(values.search);
  await expect(page.getByLabel("Status")).toHaveValue(values.status);
  await expect(page.getByLabel("Environment")).toHaveValue(values.environment);
  await expect(page.getByLabel("Sort by")).toHaveValue(values.sort);
}

const SPECS = [
  { name: "Billing live", environment: "live" as const },
  { name: "Zeta billing", environment: "live" as const },
  { name: "Billing test", environment: "test" as const },
  { name: "Old billing", environment: "live" as const, revoked: true },
  { name: "Reports", environment: "live" as const },
];

test("filters, search and order are in the URL: a reload, a shared link and Back show the same list", async ({ page, browser, baseURL }) => {
  const seeded = await seedProject(baseURL!, SPECS);
  const listPath = `/projects/${seeded.slug}/keys`;
  await page.goto(listPath);
  await expectList(page, ["Reports", "Old billing", "Billing test", "Zeta billing", "Billing live"]);

  await page.getByLabel("Status").selectOption("active");
  await page.getByLabel("Environment").selectOption("live");
  // A middle part of the names, in another case.
  await page.getByLabel("Search").fill("ILLIN");
  await page.getByLabel("Sort by").selectOption("name");
  const expected = ["Billing live", "Zeta billing"];
  await expectList(page, expected);
  await expect(page).toHaveURL(`${listPath}?status=active&environment=live&q=ILLIN&sort=name`);
  const shared = page.url();
  const controls = { search: "ILLIN", status: "active", environment: "live", sort: "name" };

  await page.reload();
  await expectControls(page, controls);
  await expectList(page, expected);
  // The server renders that list in the first HTML, not only the browser after it.
  const html = await (await page.request.get(shared)).text();
  expect(html).toContain("Zeta billing");
  expect(html).not.toContain("Reports");

  // The link opened by someone else (another tab of the same member).
  const other = await browser.newContext({ storageState: storageStateOf(alice) });
  const otherPage = await other.newPage();
  await otherPage.goto(shared);
  await expectControls(otherPage, controls);
  await expectList(otherPage, expected);
  await other.close();

  // Another order; newest first is the default and leaves the URL.
  await page.getByLabel("Sort by").selectOption("oldest");
  await expect(page).toHaveURL(`${listPath}?status=active&environment=live&q=ILLIN&sort=oldest`);
  await expectList(page, ["Billing live", "Zeta billing"]);
  await page.getByLabel("Sort by").selectOption("newest");
  await expect(page).toHaveURL(`${listPath}?status=active&environment=live&q=ILLIN`);
  await expectList(page, ["Zeta billing", "Billing live"]);

  // A row opens its key; Back returns to the same list, Forward to the key again.
  await page.getByRole("link", { name: "Zeta billing", exact: true }).click();
  await expect(page).toHaveURL(`${listPath}/${seeded.keys["Zeta billing"]!.id}`);
  await expect(page.getByRole("heading", { level: 2, name: "Zeta billing" })).toBeVisible();
  await page.goBack();
  await expect(page).toHaveURL(`${listPath}?status=active&environment=live&q=ILLIN`);
  await expectControls(page, { ...controls, sort: "newest" });
  await expectList(page, ["Zeta billing", "Billing live"]);
  await page.goForward();
  await expect(page.getByRole("heading", { level: 2, name: "Zeta billing" })).toBeVisible();

  // Parameters that make no sense give the whole list instead of an error.
  const response = await page.goto(`${listPath}?status=gone&environment=mars&sort=%00&q=${"x".repeat(300)}&key_hash=zz`);
  expect(response?.status()).toBe(200);
  await expectControls(page, { search: "", status: "all", environment: "all", sort: "newest" });
  await expectList(page, ["Reports", "Old billing", "Billing test", "Zeta billing", "Billing live"]);
});

test("a pasted key finds its row, and only its hash leaves the browser", async ({ page, baseURL }) => {
  const seeded = await seedProject(baseURL!, SPECS);
  const wanted = seeded.keys["Billing test"]!;
  const hash = createHash("sha256").update(wanted.plaintext).digest("hex");
  const fragment = wanted.plaintext.slice(0, 20);

  // Everything the page sends: addresses, bodies, and the addresses it shows.
  const sent = recordTraffic(page);

  await page.goto(`/projects/${seeded.slug}/keys`);
  const search = page.getByLabel("Search");

  // Part of a key finds nothing by design, and is not sent.
  await search.fill(fragment);
  await expect(page.getByText("Part of a key is not searched, nor sent.")).toBeVisible();
  await page.waitForTimeout(600); // longer than the search box waits after a keystroke
  expect(page.url()).not.toContain("q=");
  await search.fill("");

  await pasteKeyIntoSearch(page, wanted.plaintext);
  await expectList(page, ["Billing test"]);
  await expect(page).toHaveURL(`/projects/${seeded.slug}/keys?key_hash=${hash}`);

  // The hash is a link like any other: a reload finds the row again.
  await page.reload();
  await expect(search).toHaveValue("Full key (hashed)");
  await expectList(page, ["Billing test"]);

  // Filters still apply next to the hash.
  await page.getByLabel("Status").selectOption("revoked");
  await expectList(page, []);
  await expect(page.getByText("No keys match these filters")).toBeVisible();
  await page.getByLabel("Status").selectOption("all");
  await expectList(page, ["Billing test"]);

  await page.getByRole("button", { name: "Clear search" }).click();
  await expect(page).toHaveURL(`/projects/${seeded.slug}/keys`);
  await expect(search).toHaveValue("");
  await expectList(page, ["Reports", "Old billing", "Billing test", "Zeta billing", "Billing live"]);

  // A link that carries a key in its search (as the old list sent it) is hashed and scrubbed from the address.
  // Not a real key: that link itself would put a real one in the server's request log.
  const lookalike = `kd_live_${"A".repeat(36)}`;
  await page.goto(`/projects/${seeded.slug}/keys?q=${lookalike}&sort=name`);
  await expect(page).toHaveURL(`/projects/${seeded.slug}/keys?key_hash=${createHash("sha256").update(lookalike).digest("hex")}&sort=name`);
  await expect(search).toHaveValue("Full key (hashed)");
  await expectList(page, []);

  expect(sent.some((line) => line.includes(`key_hash=${hash}`)), "the list was asked for by hash").toBe(true);
  const leaks = sent.filter((line) => line.includes(wanted.plaintext) || line.includes(fragment));
  expect(leaks, "requests and addresses that carry the key or part of it").toEqual([]);
  const api = await (await page.request.get(`/api/projects/${seeded.projectId}/keys?q=${encodeURIComponent(lookalike)}`)).json();
  expect(api).toEqual({ error: { code: "invalid_request", message: "Send a key's SHA-256 as key_hash, never the key itself." } });
});

test("a row opens its key's page; another project's key and an unknown id are not found", async ({ page, browser, baseURL }) => {
  const seeded = await seedProject(baseURL!, [
    { name: "Detail key", environment: "live" },
    { name: "Gone key", environment: "test", revoked: true },
  ]);
  await page.goto(`/projects/${seeded.slug}/keys`);
  await page.getByRole("link", { name: "Gone key", exact: true }).click();
  const keyPath = `/projects/${seeded.slug}/keys/${seeded.keys["Gone key"]!.id}`;
  await expect(page).toHaveURL(keyPath);
  await expect(page).toHaveTitle(`Gone key · API keys · ${seeded.name} · Keydeck`);
  await expect(page.getByRole("heading", { level: 2, name: "Gone key" })).toBeVisible();
  // The current tab is still API keys.
  await expect(page.getByRole("navigation", { name: "Project sections" }).locator("[aria-current=page]")).toHaveText("API keys");

  const details = page.getByRole("region", { name: "Details" });
  const fact = (term: string): Locator => details.locator("dt", { hasText: term }).locator("xpath=following-sibling::dd[1]");
  await expect(fact("Key")).toHaveText(seeded.keys["Gone key"]!.hint);
  await expect(fact("Environment")).toHaveText("test");
  await expect(fact("Created")).toContainText(`by ${alice.name}`);
  await expect(fact("Last used")).toHaveText("Never");
  await expect(fact("Expires")).toHaveText("Never");
  await expect(fact("Revoked")).not.toHaveText("No");
  await expect(page.getByRole("article", { name: "Gone key" }).locator("header").getByText("Revoked", { exact: true })).toBeVisible();

  const activity = page.getByRole("list", { name: "Activity of this key, newest first; times in UTC" }).getByRole("listitem");
  await expect(activity).toHaveCount(2);
  await expect(activity.nth(0)).toContainText(`${alice.name} revoked a key`);
  await expect(activity.nth(1)).toContainText(`${alice.name} created a key`);
  // The other key's entries are not this key's.
  await expect(page.getByRole("article", { name: "Gone key" })).not.toContainText(seeded.keys["Detail key"]!.hint);

  await page.getByRole("link", { name: "← All API keys" }).click();
  await expect(page).toHaveURL(`/projects/${seeded.slug}/keys`);

  // Unknown and malformed ids, and a key under a project it does not belong to.
  const own = await clientFor(baseURL!, alice);
  const otherProject = await own.ok<{ slug: string }>("createProject", "", { name: uniqueName("Other"), idempotencyKey: randomUUID() });
  await own.dispose();
  for (const path of [`/projects/${seeded.slug}/keys/c0000000000000000000000000`, `/projects/${seeded.slug}/keys/%00`, `/projects/${otherProject.slug}/keys/${seeded.keys["Gone key"]!.id}`]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
    await expect(page).toHaveTitle("Not found · Keydeck");
  }

  // Bob, who is no member: the same 404, and nothing of the key or the project.
  const bobContext = await browser.newContext({ storageState: storageStateOf(bob) });
  const bobPage = await bobContext.newPage();
  const response = await bobPage.goto(keyPath);
  expect(response?.status()).toBe(404);
  const content = await bobPage.content();
  for (const mark of [seeded.name, "Gone key", seeded.keys["Gone key"]!.hint]) expect(content).not.toContain(mark);
  await bobContext.close();
});
