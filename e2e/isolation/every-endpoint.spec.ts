import { expect, test, type APIResponse } from "@playwright/test";
import { routeHandlers, sourceServerActions } from "../support/app-code";
import { snapshotDatabase } from "../support/db";
import { builtServerActions } from "../support/server-actions";
import { alice, bob } from "../support/users";
import { ACTION_CASES, ROUTE_CASES, superset, type ActionCase, type Caller, type RouteCase, type Target } from "./cases";
import { clientFor, createTarget, disposableSession, targetMarks, type AppClient } from "../support/app-client";

// Every server action of the build and every route handler of app/, called
// by user B with user A's ids and by a signed-out caller: each refuses, and
// the database stays byte-for-byte the same. Then the same calls made by A
// succeed, so the refusals prove the checks. The list of endpoints comes from
// the code (Next's server-reference manifest, app/**/route.ts), the expected
// answers from cases.ts.

const actions = builtServerActions();
const routes = routeHandlers();
// The first test fails for endpoints without a case; the others check the rest.
const coveredActions = actions.filter((a) => ACTION_CASES[a.name]);
const coveredRoutes = routes.filter((r) => ROUTE_CASES[`${r.method} ${r.route}`]);

test.describe.configure({ timeout: 120_000 });

test("every server action and route handler has an isolation case", () => {
  const missing = [
    ...actions.filter((a) => !ACTION_CASES[a.name]).map((a) => `server action ${a.name} (${a.file})`),
    ...routes.filter((r) => !ROUTE_CASES[`${r.method} ${r.route}`]).map((r) => `route ${r.method} ${r.route} (${r.file})`),
  ];
  expect(missing.map((what) => `add an isolation case for ${what} in e2e/isolation/cases.ts`)).toEqual([]);

  // The manifest lists what the build serves; a "use server" export missing
  // from it would be an action the enumeration above cannot see.
  const built = new Set(actions.map((a) => `${a.file}#${a.name}`));
  const unseen = sourceServerActions().filter((a) => !built.has(`${a.file}#${a.name}`));
  expect(unseen.map((a) => `${a.name} (${a.file}) is not in .next/server/server-reference-manifest.json: rebuild, or no page uses it`)).toEqual([]);

  const pending = Object.keys(ACTION_CASES).filter((name) => !actions.some((a) => a.name === name));
  if (pending.length) test.info().annotations.push({ type: "pending cases", description: pending.join(", ") });
  expect(actions.length).toBeGreaterThanOrEqual(6);
  expect(routes.length).toBeGreaterThanOrEqual(7);
});

const argsFor = (c: ActionCase, target: Target, extra: readonly string[] = []) => {
  const all = superset(target) as Record<string, unknown>;
  return Object.fromEntries([...c.fields, ...extra].map((field) => [field, all[field]]));
};

async function callRoute(client: AppClient, c: RouteCase, target: Target, caller: Caller, baseURL: string): Promise<APIResponse> {
  const url = c.url(target);
  if (c.send) {
    return c.send({ request: client.request, target, url, origin: client.origin, caller, disposableSession: () => disposableSession(baseURL, alice) });
  }
  return client.request.get(url, { maxRedirects: 0 });
}

async function answerText(response: APIResponse) {
  return JSON.stringify(response.headers()) + (await response.text());
}

test("user B with A's ids, and a signed-out caller, get not found / unauthenticated from every endpoint; nothing changes", async ({ baseURL }) => {
  const owner = await clientFor(baseURL!, alice);
  const other = await clientFor(baseURL!, bob);
  const signedOut = await clientFor(baseURL!);
  const target = await createTarget(owner, alice);
  const marks = [...targetMarks(target), alice.email];

  const before = await snapshotDatabase();
  for (const action of coveredActions) {
    const c = ACTION_CASES[action.name]!;
    const asOther = await other.call(action, target.slug, [argsFor(c, target, c.smuggled?.fields)]);
    const refusal = c.smuggled
      ? { ok: false, validationErrors: expect.any(Object) }
      : { ok: false, serverError: { code: c.otherUserRefusal?.code ?? "not_found", message: expect.any(String) } };
    expect.soft(asOther.result, `${action.name} called by user B with user A's ids: ${asOther.body.slice(0, 300)}`).toEqual(refusal);

    const asNobody = await signedOut.call(action, target.slug, [argsFor(c, target)]);
    expect
      .soft(asNobody.result, `${action.name} called signed out: ${asNobody.body.slice(0, 300)}`)
      .toEqual({ ok: false, serverError: { code: "unauthenticated", message: expect.any(String) } });
  }

  for (const route of coveredRoutes) {
    const name = `${route.method} ${route.route}`;
    const c = ROUTE_CASES[name]!;
    const asOther = await callRoute(other, c, target, "otherUser", baseURL!);
    expect.soft(asOther.status(), `${name} for user B with user A's ids`).toBe(c.status.otherUser);
    const text = await answerText(asOther);
    for (const mark of marks) expect.soft(text, `${name} shows user B something of user A's (${mark})`).not.toContain(mark);

    const asNobody = await callRoute(signedOut, c, target, "signedOut", baseURL!);
    expect.soft(asNobody.status(), `${name} signed out`).toBe(c.status.signedOut);
    if (asNobody.status() >= 300 && asNobody.status() < 400) {
      expect.soft(asNobody.headers().location, `${name} signed out redirects to sign-in`).toMatch(/\/login\b|\/protocol\/openid-connect\/auth\?/);
    } else if (!c.noTenantInput && !c.ownCredentials) {
      expect.soft(await asNobody.json(), `${name} signed out`).toEqual({ error: { code: "unauthenticated", message: expect.any(String) } });
    }
    for (const mark of marks) expect.soft(await answerText(asNobody), `${name} shows a signed-out caller ${mark}`).not.toContain(mark);
  }
  expect(await snapshotDatabase(), "the database after every refused call").toEqual(before);

  await Promise.all([owner.dispose(), other.dispose(), signedOut.dispose()]);
});

test("the same calls succeed for the project's owner, so the refusals above prove the checks", async ({ baseURL }) => {
  const owner = await clientFor(baseURL!, alice);
  for (const action of coveredActions) {
    // A project of its own for each action: deleting or rotating leaves nothing for the next.
    const target = await createTarget(owner, alice);
    const answer = await owner.call(action, target.slug, [argsFor(ACTION_CASES[action.name]!, target)]);
    expect.soft(answer.result, `${action.name} called by the owner: ${answer.body.slice(0, 300)}`).toMatchObject({ ok: true });
  }
  const target = await createTarget(owner, alice);
  for (const route of coveredRoutes) {
    const name = `${route.method} ${route.route}`;
    const c = ROUTE_CASES[name]!;
    const response = await callRoute(owner, c, target, "owner", baseURL!);
    expect.soft(response.status(), `${name} for the owner`).toBe(c.status.owner);
    if (c.ownerSeesTarget) {
      const text = await answerText(response);
      expect.soft(targetMarks(target).some((mark) => text.includes(mark)), `${name} shows the owner the project`).toBe(true);
    }
  }
  await owner.dispose();
});
