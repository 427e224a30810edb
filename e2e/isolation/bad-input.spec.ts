import { expect, test } from "@playwright/test";
import fc from "fast-check";
import { ERROR_CODES } from "../../lib/errors";
import { snapshotDatabase } from "../support/db";
import { callAction, encodeReply, type ActionAnswer, type ServerAction } from "../support/server-actions";
import { alice } from "../support/users";
import { ACTION_CASES, superset, type Target } from "./cases";
import { clientFor, createTarget, type AppClient } from "../support/app-client";
import { appRoutes, fillRoute, UNKNOWN_INVITATION_TOKEN } from "../support/routes";

// Generated junk thrown at every server action over HTTP, signed in as the
// project's owner, with the owner's real ids in some fields and junk in the
// others: every answer is a refusal (validation errors, or an error code of
// the 4xx family), never an internal error, a stack trace, or a change in the
// database. Each generated call has at least one field that cannot be valid,
// so a refusal is the only right answer.

const RUNS = { fields: 40, shapes: 15, bodies: 80, pageQueries: 12 };

const KIB = 1024;
const text = (minLength: number, maxLength: number) => fc.string({ unit: "binary", minLength, maxLength });
/** A string of 65–70 KiB characters, one character repeated (cheap to make, and to shrink). */
const huge = fc
  .tuple(fc.constantFrom("x", "é", "😀", "\u0000", "\u202e", "$", '"'), fc.integer({ min: 64 * KIB + 1, max: 70 * KIB }))
  .map(([c, n]) => c.repeat(n));
const number = fc.oneof(
  fc.integer(),
  fc.double(), // NaN, -0, ±Infinity included: the browser sends them as "$NaN" and so on
  fc.constantFrom(-1, 0, 2 ** 53 + 1, -(2 ** 63), 1e308, Number.MIN_VALUE),
);
const leaf = fc.oneof(number, fc.boolean(), fc.constant(null), text(0, 20));

/**
 * Junk for a field whose valid value is `valid`: a value of another JSON
 * type, or for text fields a string no field accepts (too long, empty,
 * control characters), or for id fields an id that does not exist.
 */
function junkFor(field: string, valid: unknown): fc.Arbitrary<unknown> {
  const kind = (v: unknown) => (Array.isArray(v) ? "array" : v === null ? "null" : typeof v);
  const others = fc
    .oneof(
      number,
      fc.boolean(),
      fc.constant(null),
      fc.constant(undefined),
      fc.array(leaf, { minLength: 1, maxLength: 4 }),
      fc.dictionary(text(1, 8), leaf, { maxKeys: 3 }),
      text(1, 30),
    )
    .filter((v) => kind(v) !== kind(valid));
  const variants: fc.MaybeWeightedArbitrary<unknown>[] = [{ arbitrary: others, weight: 4 }];
  if (typeof valid === "string") {
    variants.push(
      { arbitrary: text(201, 600), weight: 2 }, // longer than any text field allows
      { arbitrary: fc.constantFrom("", "   ", "\u0000", "a\u0007b", "\u202e\u0000"), weight: 2 },
      { arbitrary: huge, weight: 1 },
    );
  }
  if (field.endsWith("Id")) variants.push({ arbitrary: text(1, 64), weight: 2 });
  if (Array.isArray(valid)) variants.push(fc.array(fc.oneof(number, fc.constant(null), fc.boolean()), { minLength: 1, maxLength: 3 }));
  if (kind(valid) === "object") variants.push(text(1, 8).map((extra) => ({ ...(valid as object), [`x${extra}`]: 1 })));
  return fc.oneof(...variants);
}

/** The action's valid input for the target with 1..n fields replaced by junk. */
function corruptFields(fields: string[], valid: Record<string, unknown>) {
  return fc
    .shuffledSubarray(fields, { minLength: 1 })
    .chain((chosen) => fc.tuple(...chosen.map((field) => junkFor(field, valid[field]).map((junk) => [field, junk] as const))))
    .map((pairs) => ({ ...valid, ...Object.fromEntries(pairs) }));
}

/** Whole-argument junk: not an object, a field missing, an unknown field, no argument, extra arguments. */
function badShapes(fields: string[], valid: Record<string, unknown>): fc.Arbitrary<unknown[]> {
  const without = (field: string) => Object.fromEntries(Object.entries(valid).filter(([k]) => k !== field));
  return fc.oneof(
    fc.oneof(number, fc.boolean(), fc.constant(null), text(0, 40), fc.array(leaf, { maxLength: 3 })).map((arg) => [arg]),
    fc.constantFrom(...fields).map((field) => [without(field)]),
    fc
      .tuple(text(1, 12), leaf)
      .filter(([key]) => !fields.includes(key) && key !== "__proto__")
      .map(([key, value]) => [{ ...valid, [key]: value }]),
    fc.constant([] as unknown[]),
    fc.tuple(corruptFields(fields, valid), leaf, leaf).map((args) => [...args]),
  );
}

/** Bodies the browser never sends: not JSON, not an array, dangling "$" references, deep nesting, too large, not UTF-8. */
function malformedBodies(valid: Record<string, unknown>): fc.Arbitrary<string | Buffer> {
  const encoded = encodeReply([valid]);
  const reference = fc.constantFrom("$1", "$@2", "$Q3", "$W4", "$h", "$K5", "$n12x", "$D", "$T", "$B9", "$F1", "$S", "$Y", "$E", "$i", "$l");
  return fc.oneof(
    fc.string({ unit: "grapheme", maxLength: 200 }),
    fc.json().filter((json) => !json.trim().startsWith("[")),
    fc.tuple(reference, fc.constantFrom(...Object.keys(valid))).map(([ref, field]) => JSON.stringify([{ ...valid, [field]: ref }])),
    reference.map((ref) => JSON.stringify([ref])),
    fc.integer({ min: 1, max: encoded.length - 1 }).map((cut) => encoded.slice(0, cut)),
    fc.integer({ min: 33, max: 5000 }).map((depth) => `${"[".repeat(depth)}${"]".repeat(depth)}`),
    fc.integer({ min: 64 * KIB, max: 2 * 1024 * KIB }).map((size) => JSON.stringify([{ ...valid, name: "x".repeat(size) }])),
    // Random bytes (mostly not UTF-8) in a key no action takes.
    fc.uint8Array({ minLength: 1, maxLength: 300 }).map((bytes) => Buffer.concat([Buffer.from('[{"~'), Buffer.from(bytes), Buffer.from('":1}]')])),
  );
}

/** Throws unless the answer is a refusal a person could be shown. */
function expectRefusal(answer: ActionAnswer, what: string) {
  const context = `${what}: ${answer.status} ${answer.contentType} ${answer.body.slice(0, 400)}`;
  if (/\n\s+at \S|node_modules|\.tsx?:\d+|Error:/.test(answer.body)) throw new Error(`a stack trace or raw error in the answer to ${context}`);
  if (answer.status === 400 || answer.status === 413) {
    // Refused before Next.js decodes it (proxy.ts), with the one error body.
    expect(answer.contentType, context).toMatch(/^application\/json/);
    expect(JSON.parse(answer.body), context).toEqual({ error: { code: expect.any(String), message: expect.any(String) } });
    return;
  }
  expect(answer.status, context).toBe(200);
  expect(answer.errorRow, context).toBeUndefined();
  const result = answer.result as { ok?: boolean; validationErrors?: unknown; serverError?: { code: keyof typeof ERROR_CODES } };
  expect(result?.ok, context).toBe(false);
  if (result.validationErrors) return expect(result.validationErrors, context).toEqual(expect.any(Object));
  const status = ERROR_CODES[result.serverError!.code]?.status;
  expect(status >= 400 && status < 500, `${context} (an error code of the 4xx family)`).toBe(true);
}

test.describe.configure({ timeout: 240_000 });

test("junk arguments and malformed bodies to every server action are refused with a 4xx-family answer and change nothing", async ({ baseURL }) => {
  const owner = await clientFor(baseURL!, alice);
  const target: Target = await createTarget(owner, alice);
  const actions = owner.actions.filter((a) => ACTION_CASES[a.name]);
  expect(actions.length).toBeGreaterThanOrEqual(6);
  const validFor = (action: ServerAction) => {
    const all = superset(target) as Record<string, unknown>;
    return Object.fromEntries(ACTION_CASES[action.name]!.fields.map((f) => [f, all[f]]));
  };
  const call = (action: ServerAction, args: unknown[]) => owner.call(action, target.slug, args);

  const before = await snapshotDatabase();
  let calls = 0;
  for (const action of actions) {
    const valid = validFor(action);
    const fields = Object.keys(valid);
    await fc.assert(
      fc.asyncProperty(corruptFields(fields, valid), async (input) => {
        calls++;
        expectRefusal(await call(action, [input]), `${action.name}(${JSON.stringify(input)?.slice(0, 200)})`);
      }),
      { numRuns: RUNS.fields },
    );
    await fc.assert(
      fc.asyncProperty(badShapes(fields, valid), async (args) => {
        calls++;
        expectRefusal(await call(action, args), `${action.name} with arguments ${JSON.stringify(args)?.slice(0, 200)}`);
      }),
      { numRuns: RUNS.shapes },
    );
  }
  const actionAndBody = fc.constantFrom(...actions).chain((action) => malformedBodies(validFor(action)).map((body) => [action, body] as const));
  await fc.assert(
    fc.asyncProperty(actionAndBody, async ([action, body]) => {
      calls++;
      expectRefusal(await rawCall(owner, action, target, body), `${action.name} with body ${String(body).slice(0, 200)}`);
    }),
    { numRuns: RUNS.bodies },
  );
  expect(await snapshotDatabase(), "the database after every refused call").toEqual(before);
  test.info().annotations.push({ type: "calls", description: `${calls} calls to ${actions.length} server actions` });
  await owner.dispose();
});

function rawCall(client: AppClient, action: ServerAction, target: Target, body: string | Buffer) {
  return callAction(client.request, { action, pageUrl: client.pageUrl(action, target.slug), origin: client.origin, body });
}

// Finding 8 of the security review: `?cursor=%00` on the activity page was a
// 500. Every page (app/**/page.tsx, read from the tree so a new page is
// covered) gets junk query strings, signed in as the owner and signed out:
// never a 5xx, never a stack trace, and nothing changes in the database.
const PARAM_NAMES = ["cursor", "callbackUrl", "error", "signedOut", "state", "range", "status", "environment", "q", "key_hash", "view", "tab", "tz", "page", "session", "sort", "from", "to"];
const queryValue = fc.oneof(
  text(0, 40).map(encodeURIComponent),
  fc.constantFrom("%00", "%", "%zz", "%C0%80", "%ED%A0%80", "%FF%FE", "%E2%80%AE", "..%2F..%2F", "%0D%0ASet-Cookie:x=1", "-1", "1e308", "NaN", "[]", "{}", "null"),
  fc.integer({ min: 1, max: 4 * KIB }).map((n) => "A".repeat(n)),
  fc.string({ unit: "grapheme", maxLength: 30 }).map(encodeURIComponent),
);
const queryString = fc
  .array(fc.tuple(fc.oneof(fc.constantFrom(...PARAM_NAMES), text(1, 10).map(encodeURIComponent)), queryValue), { minLength: 1, maxLength: 5 })
  .map((pairs) => pairs.map(([name, value]) => `${name}=${value}`).join("&"));

test("junk query parameters on every page never give a 5xx or a stack trace, and change nothing", async ({ baseURL }) => {
  test.setTimeout(420_000);
  let slowest = { ms: 0, url: "" };
  const owner = await clientFor(baseURL!, alice);
  const signedOut = await clientFor(baseURL!);
  const target: Target = await createTarget(owner, alice);
  const pages = appRoutes()
    .filter((route) => route.kind === "page")
    .map((route) => fillRoute(route.pattern, { slug: target.slug, token: UNKNOWN_INVITATION_TOKEN, keyId: target.keyId }));
  expect(pages.length).toBeGreaterThanOrEqual(8);

  const before = await snapshotDatabase();
  let calls = 0;
  for (const page of pages) {
    await fc.assert(
      fc.asyncProperty(queryString, fc.boolean(), async (query, asOwner) => {
        calls++;
        const url = `${page}?${query}`;
        const started = Date.now();
        // A page that hangs fails here, with its query, rather than as the test's timeout.
        const response = await (asOwner ? owner : signedOut).request.get(url, { maxRedirects: 0, timeout: 30_000 });
        if (Date.now() - started > slowest.ms) slowest = { ms: Date.now() - started, url: url.slice(0, 120) };
        const body = await response.text();
        const context = `GET ${url.slice(0, 300)} (${asOwner ? "owner" : "signed out"}) → ${response.status()}`;
        expect(response.status(), context).toBeLessThan(500);
        expect(/\n\s+at \S|node_modules\/|\.tsx?:\d+:\d+/.test(body), `${context}: a stack trace in the page`).toBe(false);
      }),
      // The query of the finding, on every page, whatever the generator draws;
      // then repeated parameters (an array, not a string) and prototype keys.
      { numRuns: RUNS.pageQueries, examples: [["cursor=%00", true], ["cursor=%00&callbackUrl=%00", false], ["callbackUrl=a&callbackUrl=b&error=__proto__", false], ["cursor=a&cursor=b&error=constructor", true]] },
    );
  }
  expect(await snapshotDatabase(), "the database after every junk query").toEqual(before);
  test.info().annotations.push({ type: "calls", description: `${calls} page requests to ${pages.length} pages; slowest ${slowest.ms} ms: ${slowest.url}` });
  await owner.dispose();
  await signedOut.dispose();
});
