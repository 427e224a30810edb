import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { findFreePort, waitForPort } from "../scripts/lib/processes";
import { API_URL } from "./support/api";
import { createKeyViaUi } from "./support/keys";
import { createProjectViaUi } from "./support/projects";
import { copyAndConfirmReveal, expectNotStoredOrLogged, rememberSecret } from "./support/secrets";
import { uniqueName } from "./support/sign-in";
import { alice, storageStateOf } from "./support/users";

test.use({ storageState: storageStateOf(alice), permissions: ["clipboard-read", "clipboard-write"] });

const partners: ChildProcess[] = [];
test.afterAll(() => {
  for (const child of partners) child.kill();
});

/** Runs the dashboard's "Partner server" snippet, exactly as copied, as a partner's site on its own origin. */
async function startPartner(snippet: string, apiKey: string): Promise<string> {
  const port = await findFreePort();
  const file = path.join(mkdtempSync(path.join(tmpdir(), "keydeck-partner-")), "partner-server.mjs");
  writeFileSync(file, snippet);
  const child = spawn(process.execPath, [file], { env: { PATH: process.env.PATH ?? "", NODE_ENV: "production", KEYDECK_API_KEY: apiKey, PORT: String(port) }, stdio: "inherit" });
  partners.push(child);
  const origin = `http://127.0.0.1:${port}`;
  await waitForPort(port, "127.0.0.1", { timeoutMs: 15_000 });
  return origin;
}

async function overviewFigure(page: Page, slug: string, label: string) {
  await page.goto(`/projects/${slug}`);
  return (await page.getByRole("group", { name: label }).innerText()).replace(/\s+/g, " ");
}

test("a partner embeds the usage widget from the dashboard's snippet alone; switching embed mode off stops it at once", async ({ page, browser }) => {
  test.setTimeout(90_000);
  const name = uniqueName("Embed");
  const { slug } = await createProjectViaUi(page, name);
  const apiKey = await createKeyViaUi(page, slug, "Partner backend");

  // Switch it on: the signing secret is shown once, the publishable key always.
  await page.getByRole("link", { name: "Embed" }).click();
  await expect(page.getByRole("heading", { name: /Embed mode/ })).toContainText("Off");
  await page.getByRole("switch", { name: "Turn embed mode on" }).click();
  const reveal = page.getByRole("dialog", { name: "Embed mode is on" });
  const secret = await reveal.getByLabel("Signing secret").inputValue();
  expect(secret).toMatch(/^kd_ss_[0-9A-Za-z]{40}$/);
  // The run's last spec searches the build, logs, database and pages for it too.
  rememberSecret({ kind: "embed signing secret", value: secret, pages: [`/projects/${slug}/embed`, `/projects/${slug}/activity`] });
  await copyAndConfirmReveal(page, reveal, secret);
  await expect(page.getByRole("heading", { name: /Embed mode/ })).toContainText("On");
  const publishableKey = await page.getByLabel("Publishable key").inputValue();
  expect(publishableKey).toMatch(/^kd_pk_[0-9A-Za-z]{24}$/);

  // Two partner sites run the copied snippet; only the first is an allowed origin.
  await page.getByRole("tab", { name: "Partner server (Node.js)" }).click();
  await page.getByRole("button", { name: "Copy Partner server (Node.js)" }).click();
  const snippet = await page.evaluate(() => navigator.clipboard.readText());
  expect(snippet).toContain(`/embed/${publishableKey}`);
  expect(snippet).not.toContain(secret);
  const allowed = await startPartner(snippet, apiKey);
  const elsewhere = await startPartner(snippet, apiKey);

  // A bad origin is explained inline and saves nothing; then the real one.
  const origins = page.getByLabel("Allowed origins, one per line");
  await origins.fill(`${allowed}\nftp://files.example.com`);
  await page.getByRole("button", { name: "Save origins" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "ftp://files.example.com" })).toContainText("must use https://");
  await page.reload();
  await expect(page.getByLabel("Allowed origins, one per line")).toHaveValue("");
  await page.getByLabel("Allowed origins, one per line").fill(`${allowed}/`);
  await page.getByRole("button", { name: "Save origins" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Allowed origins saved." })).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Allowed origins, one per line")).toHaveValue(allowed);

  // Some traffic, so the widget has figures to agree with the Overview on.
  for (const cost of [2, 3, 4]) {
    const response = await page.request.post(`${API_URL}/api/v1/verify`, { headers: { authorization: `Bearer ${apiKey}` }, data: { cost } });
    expect(response.status()).toBe(200);
  }
  await expect.poll(() => overviewFigure(page, slug, "Requests today"), { timeout: 15_000 }).toContain("9 units");
  const requestsToday = await overviewFigure(page, slug, "Requests today");
  const activeKeys = await overviewFigure(page, slug, "Active keys");

  // The allowed partner's page frames the widget, and the token left the URL.
  // A context of its own, like a partner's visitor (axe needs one made with newContext).
  const partner = await (await browser.newContext()).newPage();
  await partner.goto(allowed);
  const widget = partner.frameLocator('iframe[title="API usage"]');
  await expect(widget.getByRole("heading", { name: "Units used this period" })).toBeVisible();
  await expect(widget.getByRole("progressbar", { name: "Quota used this period" })).toHaveAttribute("aria-valuenow", "9");
  expect((await widget.getByRole("group", { name: "Requests today" }).innerText()).replace(/\s+/g, " ")).toBe(requestsToday);
  expect((await widget.getByRole("group", { name: "Active keys" }).innerText()).replace(/\s+/g, " ")).toBe(activeKeys);
  const frame = partner.frames().find((f) => f.url().includes("/embed/"))!;
  // The widget is usable with assistive technology too (axe looks into the frame).
  const { violations } = await new AxeBuilder({ page: partner }).analyze();
  expect(violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
  expect(frame.url()).toMatch(new RegExp(`/embed/${publishableKey}$`));
  // It says whose figures these are, in the dashboard's font, and fills the
  // frame the snippet sizes, at a desktop's width and a phone's, without scrolling.
  await expect(widget.getByText(`Usage of the whole project ${name}, all its keys together.`)).toBeVisible();
  for (const width of [1280, 390]) {
    await partner.setViewportSize({ width, height: 800 });
    const fit = await frame.evaluate(async () => {
      await document.fonts.ready;
      return {
        fontLoaded: [...document.fonts].some((font) => font.family === "Geist" && font.status === "loaded"),
        bodyFont: getComputedStyle(document.body).fontFamily,
        scrollHeight: document.documentElement.scrollHeight,
        frameHeight: document.documentElement.clientHeight,
        cardBottom: document.querySelector("main")!.getBoundingClientRect().bottom,
      };
    });
    expect(fit.fontLoaded, "the Geist font loads under the widget's CSP").toBe(true);
    expect(fit.bodyFont).toMatch(/^Geist,/);
    expect(fit.frameHeight).toBe(Number(await partner.locator('iframe[title="API usage"]').getAttribute("height")));
    expect(fit.scrollHeight, `nothing scrolls inside the frame at ${width} px`).toBeLessThanOrEqual(fit.frameHeight);
    expect(fit.frameHeight - fit.cardBottom, `no empty band under the card at ${width} px`).toBeLessThanOrEqual(12);
  }

  // The real server's headers: exactly one referrer policy, and framing only by the allowed origin.
  const widgetResponse = await page.request.get(`/embed/${publishableKey}`);
  expect(widgetResponse.headers()["referrer-policy"]).toBe("no-referrer");
  expect(widgetResponse.headers()["x-frame-options"]).toBeUndefined();
  expect(widgetResponse.headers()["content-security-policy"]).toContain(`frame-ancestors ${allowed};`);

  // Another origin: the browser refuses to frame it.
  const stranger = await browser.newPage();
  const refusals: string[] = [];
  stranger.on("console", (message) => refusals.push(message.text()));
  await stranger.goto(elsewhere);
  await expect.poll(() => refusals.join("\n")).toContain("frame-ancestors");
  await expect(stranger.frameLocator('iframe[title="API usage"]').getByText("Units used this period")).toHaveCount(0);

  // The signing secret is nowhere to be found afterwards.
  await page.goto(`/projects/${slug}/embed`);
  await expect(page.getByLabel("Publishable key")).toHaveValue(publishableKey);
  expect(await page.content()).not.toContain(secret);
  await expectNotStoredOrLogged({ kind: "embed signing secret", value: secret });

  // Off: the next session request is refused, and the open widget stops at once.
  await page.getByRole("switch", { name: "Turn embed mode off" }).click();
  await page.getByRole("dialog", { name: "Turn embed mode off?" }).getByRole("button", { name: "Turn off" }).click();
  await expect(page.getByRole("heading", { name: /Embed mode/ })).toContainText("Off");
  const refused = await page.request.post(`${API_URL}/api/v1/embed/sessions`, { headers: { authorization: `Bearer ${apiKey}` } });
  expect(refused.status()).toBe(401);
  expect((await refused.json()).error.code).toBe("invalid_credentials");
  await frame.goto(frame.url());
  await expect(widget.getByRole("heading", { name: "This embed is not available" })).toBeVisible();
  const reloaded = await partner.goto(allowed);
  expect(reloaded?.status()).toBe(502);
});
