import { expect, test, type Page } from "@playwright/test";
import { uniqueName } from "./support/sign-in";
import { createProjectViaUi } from "./support/projects";
import { makeMember } from "./support/members";
import { alice, bob, storageStateOf } from "./support/users";

// Every project page that hides controls from a role says so once, at the
// top, with who can do it instead; pages that hide nothing say nothing.

test.use({ storageState: storageStateOf(alice) });

type Control = { role: "button" | "switch" | "textbox"; name: string | RegExp };

async function expectPage(page: Page, path: string, note: RegExp | null, hidden: Control[]) {
  await page.goto(path);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  const notes = page.getByRole("note");
  if (note) {
    await expect(notes).toHaveCount(1);
    await expect(notes).toHaveText(note);
  } else {
    await expect(notes).toHaveCount(0);
  }
  for (const control of hidden) await expect(page.getByRole(control.role, { name: control.name })).toHaveCount(0);
}

test("a viewer sees, once on each page, which controls the role does not get and who can act", async ({ page, browser }) => {
  const { slug, projectId } = await createProjectViaUi(page, uniqueName("Read only"));
  await makeMember(projectId, "viewer");
  const bobContext = await browser.newContext({ storageState: storageStateOf(bob) });
  const bobPage = await bobContext.newPage();
  const base = `/projects/${slug}`;

  await expectPage(bobPage, `${base}/keys`, /^Your role here is Viewer: you cannot create, rotate or revoke keys \(owners, admins and developers can\)\./, [
    { role: "button", name: "Create key" },
  ]);
  await expectPage(bobPage, `${base}/members`, /you cannot invite people, change roles, remove members or link groups \(owners and admins can\) or manage owners or transfer ownership \(only owners can\)/, [
    { role: "button", name: "Invite member" },
  ]);
  await expectPage(bobPage, `${base}/embed`, /you cannot switch embed mode, rotate its signing secret or change the allowed origins \(owners and admins can\)/, [
    { role: "switch", name: /embed mode/ },
  ]);
  await expectPage(bobPage, `${base}/settings`, /you cannot rename the project or change its permission names \(owners and admins can\), delete the project \(only owners can\) or choose what a leaked key does \(owners and admins can\)/, [
    { role: "textbox", name: "Project name" },
    { role: "button", name: "Delete project" },
  ]);
  // Nothing is hidden on Usage and Activity: no note.
  await expectPage(bobPage, `${base}/usage`, null, []);
  await expectPage(bobPage, `${base}/activity`, null, []);

  // An admin gets everything but what owners keep, and is told exactly that.
  await makeMember(projectId, "admin");
  await expectPage(bobPage, `${base}/settings`, /^Your role here is Admin: you cannot delete the project \(only owners can\)\./, [{ role: "button", name: "Delete project" }]);
  await expect(bobPage.getByRole("textbox", { name: "Project name" })).toBeVisible();
  await expectPage(bobPage, `${base}/keys`, null, []);
  await expect(bobPage.getByRole("button", { name: "Create key" })).toBeVisible();

  // The owner sees every control and no note.
  await expectPage(page, `${base}/settings`, null, []);
  await expect(page.getByRole("button", { name: "Delete project" })).toBeVisible();
  await bobContext.close();
});
