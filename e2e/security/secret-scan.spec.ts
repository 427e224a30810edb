import { expect, test } from "@playwright/test";
import {
  buildOutputFiles,
  findSecrets,
  rememberedSecrets,
  SERVER_LOGS,
  wholeDatabaseText,
  type Place,
} from "../support/secrets";
import { alice, storageStateOf } from "../support/users";

// Runs after every other spec (the "secret-scan" project in playwright.config.ts).
test.use({ storageState: storageStateOf(alice) });

test.setTimeout(300_000);

test("no secret shown during the run is in the build output, the logs, the database or a page", async ({ page }) => {
  const secrets = rememberedSecrets();
  expect(secrets.length, "the run recorded no secrets to look for").toBeGreaterThan(0);

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

  expect(findSecrets(secrets, places)).toEqual([]);
  const files = places.filter((p) => "file" in p).length;
  test.info().annotations.push({
    type: "scanned",
    description: `${secrets.length} secrets; ${files} files (build output and logs), the database, ${places.length - files - 1} pages and responses`,
  });
  console.log(`secret scan: ${secrets.length} secrets searched in ${files} files, the database and ${places.length - files - 1} pages/responses`);
});
