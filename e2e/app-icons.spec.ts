import { expect, test } from "@playwright/test";

// The tab shows Keydeck's icon and the app can be installed: every page links
// the favicon and the web manifest, and each file they name is served, signed
// in or not (the login page is the first page a person sees).
test("the login page links a favicon and a web manifest whose icons are all served", async ({ page, request }) => {
  await page.goto("/login");
  const iconHrefs = await page.locator('link[rel="icon"], link[rel="apple-touch-icon"]').evaluateAll((links) =>
    links.map((link) => (link as HTMLLinkElement).getAttribute("href")!),
  );
  expect(iconHrefs).toEqual(expect.arrayContaining(["/favicon.ico", "/icon.svg", "/apple-touch-icon.png"]));
  const manifestHref = await page.locator('link[rel="manifest"]').getAttribute("href");
  expect(manifestHref).toBe("/manifest.webmanifest");

  const manifest = await request.get(manifestHref!);
  expect(manifest.status()).toBe(200);
  const body = (await manifest.json()) as { name: string; icons: Array<{ src: string; type: string }> };
  expect(body.name).toBe("Keydeck");

  for (const src of [...iconHrefs, ...body.icons.map((icon) => icon.src)]) {
    const response = await request.get(src);
    expect(response.status(), src).toBe(200);
    expect(response.headers()["content-type"], src).toMatch(/^image\//);
    expect((await response.body()).length, src).toBeGreaterThan(100);
  }
});
