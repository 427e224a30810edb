import { createHash } from "node:crypto";
import { expect, test, type Locator, type Page, type Request } from "@playwright/test";
import { query } from "./support/db";
import { createProjectViaUi } from "./support/projects";
import { expectNotStoredOrLogged, rememberSecret } from "./support/secrets";
import { uniqueName } from "./support/sign-in";
import { alice, storageStateOf } from "./support/users";

// Issue 16: an instant double click on Create made two projects, and two
// live keys of which the second's plaintext was never shown. Each create
// form now sends an idempotency key with its request (lib/idempotency): the
// double click reaches the server twice and makes one thing, and the same
// request sent twice at once from the page still makes one.

test.use({ storageState: storageStateOf(alice) });

/** Two clicks in one task: the second lands before React can disable the button. */
async function doubleClick(button: Locator) {
  await button.evaluate((element: HTMLElement) => {
    element.click();
    element.click();
  });
}

/** The server-action posts the page sends from now on. */
function recordActionPosts(page: Page): Request[] {
  const posts: Request[] = [];
  page.on("request", (request) => {
    if (request.method() === "POST" && request.headers()["next-action"]) posts.push(request);
  });
  return posts;
}

/** Sends a recorded server-action request again, `times` times at once, from the page; the answers' bodies. */
async function sendAgainAtOnce(page: Page, request: Request, times: number): Promise<string[]> {
  const headers = await request.allHeaders();
  const init = {
    url: request.url(),
    body: request.postData()!,
    headers: Object.fromEntries(["next-action", "next-router-state-tree", "content-type", "accept"].map((name) => [name, headers[name] ?? ""])),
  };
  return page.evaluate(
    ({ url, body, headers, times }) =>
      Promise.all(Array.from({ length: times }, () => fetch(url, { method: "POST", headers, body }).then((response) => response.text()))),
    { ...init, times },
  );
}

test("a double click on Create project makes one project, and the same request sent again at once makes no other", async ({ page }) => {
  const name = uniqueName("Double");
  await page.goto("/projects");
  await page.getByRole("button", { name: "New project" }).click();
  const dialog = page.getByRole("dialog", { name: "New project" });
  await dialog.getByLabel("Project name").fill(name);
  const posts = recordActionPosts(page);
  await doubleClick(dialog.getByRole("button", { name: "Create project" }));
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  // Both clicks reached the server: one project is the server's doing, not the button's.
  expect(posts).toHaveLength(2);
  expect(posts[0]!.postData()).toBe(posts[1]!.postData());

  const countProjects = async () => (await query<{ n: number }>("select count(*)::int as n from projects where name = $1", [name]))[0]!.n;
  expect(await countProjects()).toBe(1);
  const answers = await sendAgainAtOnce(page, posts[0]!, 3);
  const [project] = await query<{ id: string }>("select id from projects where name = $1", [name]);
  for (const answer of answers) expect(answer).toContain(project!.id);
  expect(await countProjects()).toBe(1);

  await page.goto("/projects");
  await expect(page.getByRole("link", { name })).toHaveCount(1);
});

test("a double click on Create key makes one key, and its one reveal shows the plaintext of that key", async ({ page }) => {
  const { slug, projectId } = await createProjectViaUi(page, uniqueName("Double key"));
  await page.goto(`/projects/${slug}/keys`);
  await page.getByRole("button", { name: "Create key" }).first().click();
  const form = page.getByRole("dialog", { name: "Create API key" });
  await form.getByLabel("Name").fill("Double-clicked");
  const posts = recordActionPosts(page);
  await doubleClick(form.getByRole("button", { name: "Create key" }));

  const reveal = page.getByRole("dialog", { name: "Copy your new key" });
  await expect(reveal.getByText("This key will not be shown again.")).toBeVisible();
  await expect(page.getByRole("dialog")).toHaveCount(1);
  const plaintext = await reveal.getByLabel("Your new API key").inputValue();
  rememberSecret({ kind: "API key (double click)", value: plaintext, pages: [`/projects/${slug}/keys`] });
  await expect.poll(() => posts.length).toBe(2);

  const keys = () => query<{ hash: string }>("select hash from api_keys where project_id = $1", [projectId]);
  expect(await keys()).toEqual([{ hash: createHash("sha256").update(plaintext).digest("hex") }]);
  // Sent again at once while the reveal is unconfirmed: the same key, the same plaintext.
  for (const answer of await sendAgainAtOnce(page, posts[0]!, 3)) expect(answer).toContain(plaintext);
  expect(await keys()).toHaveLength(1);
  // Kept for those repeats only sealed, never in clear.
  await expectNotStoredOrLogged({ kind: "API key", value: plaintext });

  await reveal.getByLabel("I have copied this key and stored it safely.").check();
  await reveal.getByRole("button", { name: "Done" }).click();
  await expect(reveal).toBeHidden();
  // Done deletes the sealed copy; a repeat is then told the key exists and is not shown again.
  const stored = () => query<{ sealed: string | null; confirmed: boolean }>(
    "select sealed_secret as sealed, reveal_confirmed_at is not null as confirmed from idempotent_requests where action = 'createKey' and result->>'id' = (select id from api_keys where project_id = $1)",
    [projectId],
  );
  await expect.poll(stored).toEqual([{ sealed: null, confirmed: true }]);
  const [late] = await sendAgainAtOnce(page, posts[0]!, 1);
  expect(late).toContain("already_created");
  expect(late).not.toContain(plaintext);
  expect(await keys()).toHaveLength(1);
  await expect(page.getByRole("row", { name: /Double-clicked/ })).toHaveCount(1);
});
