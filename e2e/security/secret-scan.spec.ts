import { expect, test } from "@playwright/test";
import {
  buildOutputFiles,
  findSecrets,
  rememberedSecrets,
  SERVER_LOGS,
  wholeDatabaseText,
  type Place,
} from "../support/secrets";
import { pasteKeyIntoSearch, recordTraffic } from "../support/keys";
import { alice, storageStateOf } from "../support/users";

// Runs after every other spec (the "secret-scan" project in playwright.config.ts).
test.use({ storageState: storageStateOf(alice), permissions: ["clipboard-read", "clipboard-write"] });

test.setTimeout(300_000);

test("no secret shown during the run is in the build output, the logs, the database or a page", async ({ page }) => {
  const secrets = rememberedSecrets();
  expect(secrets.length, "the run recorded no secrets to look for").toBeGreaterThan(0);
  // Everything the browser sends from here on, and every address it shows, is searched too.
  const traffic = recordTraffic(page);

  // Each API key the run showed is pasted into its project's key search,
  // which must find it by a hash computed in the browser: before the logs
  // are read, so that a key sent as a search term would be found there.
  let pasted = 0;
  for (const secret of secrets.filter((s) => s.kind === "API key")) {
    const keysPage = secret.pages?.find((p) => p.endsWith("/keys"));
    // A key of a project that a later spec deleted has no list to search any more.
    if (!keysPage || (await page.goto(keysPage))?.status() !== 200) continue;
    await pasteKeyIntoSearch(page, secret.value);
    await expect(page.getByText("1 key", { exact: true }), `${secret.kind} (${secret.value.slice(0, 8)}…) found by its hash`).toBeVisible();
    pasted++;
  }
  expect(pasted, "no API key of the run could be pasted into a key search").toBeGreaterThan(0);

  const places: Place[] = [
    ...buildOutputFiles().map((file) => ({ name: file, file })),
    ...SERVER_LOGS.map((file) => ({ name: file, file })),
    { name: "the database", text: await wholeDatabaseText() },
  ];

  // Each page as HTML, as the RSC payload of a client-side navigation, and as
  // rendered in the browser; and the JSON the dashboard polls.
  const paths = [...new Set(["/projects", "/docs/api", ...secrets.flatMap((s) => s.pages ?? [])])];
  for (const path of paths) {
    places.push({ name: `HTML of ${path}`, text: await (await page.request.get(path)).text() });
    places.push({ name: `RSC of ${path}`, text: await (await page.request.get(path, { headers: { RSC: "1" } })).text() });
    await page.goto(path);
    places.push({ name: `DOM of ${path}`, text: await page.content() });
  }
  const { projects } = (await (await page.request.get("/api/projects")).json()) as { projects: { id: string }[] };
  for (const { id } of projects) {
    for (const route of [`/api/projects/${id}/keys`, `/api/projects/${id}/usage/summary`, `/api/projects/${id}/usage/series?range=24h`]) {
      places.push({ name: route, text: await (await page.request.get(route)).text() });
    }
  }

  places.push({ name: "the requests and addresses of the browser", text: traffic.join("\n") });

  expect(findSecrets(secrets, places)).toEqual([]);
  const files = places.filter((p) => "file" in p).length;
  test.info().annotations.push({
    type: "scanned",
    description: `${secrets.length} secrets (${pasted} keys pasted into a key search); ${files} files (build output and logs), the database, ${places.length - files - 2} pages and responses, the browser's requests`,
  });
  console.log(`secret scan: ${secrets.length} secrets (${pasted} pasted into a key search) searched in ${files} files, the database, ${places.length - files - 2} pages/responses and the browser's requests`);
});
