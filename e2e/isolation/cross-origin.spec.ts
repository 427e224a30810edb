import { expect, test } from "@playwright/test";
import { snapshotDatabase } from "../support/db";
import { encodeReply } from "../support/server-actions";
import { clientFor, createTarget } from "../support/app-client";
import { alice } from "../support/users";
import { ACTION_CASES, superset } from "./cases";

// CSRF for every server action of the build, not only the one the CSRF spec
// drives through a browser: the project owner's own valid call, sent with her
// cookie but without the app's Origin (a hand-made request, or a browser that
// drops the header) or with a foreign one, is refused and changes nothing.
// Runs in the isolation project: nothing else writes while it compares
// snapshots of the whole database.

const FOREIGN_ORIGINS = [undefined, "http://127.0.0.1:3310", "http://localhost:3310", "null"];

test("every server action refuses the owner's valid call without the app's Origin, and nothing changes", async ({ baseURL }) => {
  test.setTimeout(120_000);
  const owner = await clientFor(baseURL!, alice);
  const target = await createTarget(owner, alice);
  const actions = owner.actions.filter((a) => ACTION_CASES[a.name]);
  expect(actions.map((a) => a.name)).toEqual(expect.arrayContaining(["inviteMember", "removeMember", "acceptInvitation", "linkGroup"]));
  const all = superset(target) as Record<string, unknown>;

  const before = await snapshotDatabase();
  for (const action of actions) {
    const input = Object.fromEntries(ACTION_CASES[action.name]!.fields.map((f) => [f, all[f]]));
    for (const origin of FOREIGN_ORIGINS) {
      const response = await owner.request.post(owner.pageUrl(action, target.slug), {
        headers: {
          "Next-Action": action.id,
          Accept: "text/x-component",
          "Content-Type": "text/plain;charset=UTF-8",
          ...(origin ? { Origin: origin } : {}),
        },
        data: encodeReply([input]),
        maxRedirects: 0,
      });
      const what = `${action.name} with Origin ${origin}`;
      if (origin === undefined) expect.soft(await response.text(), what).toContain("Cross-site request refused.");
      else expect.soft(response.status(), `${what} (Next.js: "Invalid Server Actions request.")`).toBeGreaterThanOrEqual(400);
    }
  }
  expect(await snapshotDatabase(), "the database after every refused call").toEqual(before);
  await owner.dispose();
});
