import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { appErrorCode, createUser } from "@/tests/integration/factories";
import { createProject } from "@/lib/projects/mutations";
import { hashKey } from "./format";
import { createKey } from "./mutations";
import { listKeys } from "./queries";
import { getKey } from "./detail";
import { KEY_SORTS, listKeysQuery, type ListKeysQuery } from "./list-params";

// The keys list as the URL asks for it: search by any part of a name or a
// hint, a pasted key found by its hash within its own project only, and
// every order paged through by its cursor.

const ip = "198.51.100.7";
const never = { kind: "never" } as const;

async function projectOf(name: string) {
  const owner = await createUser(name);
  const project = await createProject({ userId: owner.id, ip, name: `${name} project` });
  return { owner, project, actor: { userId: owner.id, ip, projectId: project.id } };
}

const list = (userId: string, projectId: string, query: Record<string, unknown> = {}) =>
  listKeys({ userId, projectId, query: listKeysQuery.parse(query) });
const names = async (userId: string, projectId: string, query: Record<string, unknown>) =>
  (await list(userId, projectId, query)).keys.map((k) => k.name).sort();

afterAll(async () => {
  await db.$disconnect();
});

describe("search", () => {
  it("matches any part of a name or of a hint, in any case, and takes LIKE wildcards literally", async () => {
    const { owner, project, actor } = await projectOf("Search");
    const billing = await createKey({ ...actor, name: "Payments-Billing worker", environment: "live", expiry: never });
    await createKey({ ...actor, name: "100% coverage", environment: "test", expiry: never });
    await createKey({ ...actor, name: "100x faster", environment: "test", expiry: never });
    await createKey({ ...actor, name: "snake_case job", environment: "test", expiry: never });
    await createKey({ ...actor, name: "Bake cake", environment: "test", expiry: never });

    expect(await names(owner.id, project.id, { q: "billing WORK" })).toEqual(["Payments-Billing worker"]);
    // The middle of a hint (kd_live_AbCd…wxyz): the body's first characters, in another case.
    const middle = billing.hint.slice(8, 12).toUpperCase() === billing.hint.slice(8, 12) ? billing.hint.slice(8, 12).toLowerCase() : billing.hint.slice(8, 12).toUpperCase();
    expect((await list(owner.id, project.id, { q: middle })).keys.map((k) => k.id)).toContain(billing.id);
    expect(await names(owner.id, project.id, { q: billing.hint.slice(-7) })).toEqual(["Payments-Billing worker"]);
    expect(await names(owner.id, project.id, { q: "100%" })).toEqual(["100% coverage"]);
    // "_" as a LIKE wildcard would match "ke ca" in "Bake cake" too. The term
    // cannot occur in a hint (kd_test_AbCd…wxyz: the body has no "_" and the
    // prefix ends "st_"), whose random body made a shorter term like "e_c"
    // match the live key's "kd_live_c…" one run in 32.
    expect(await names(owner.id, project.id, { q: "ke_ca" })).toEqual(["snake_case job"]);
    expect(await names(owner.id, project.id, { q: "\\" })).toEqual([]);
    // Filters still apply to a search.
    expect(await names(owner.id, project.id, { q: "100%", environment: "live" })).toEqual([]);
  });
});

describe("a pasted key, by its hash", () => {
  it("finds its row in its own project and in no other, and refuses a stranger", async () => {
    const a = await projectOf("Hash owner");
    const b = await projectOf("Hash other");
    const wanted = await createKey({ ...a.actor, name: "Wanted", environment: "live", expiry: never });
    await createKey({ ...a.actor, name: "Other", environment: "live", expiry: never });
    await createKey({ ...b.actor, name: "B's key", environment: "live", expiry: never });
    const key_hash = hashKey(wanted.plaintext);

    const found = await list(a.owner.id, a.project.id, { key_hash });
    expect(found.total).toBe(1);
    expect(found.keys.map((k) => k.id)).toEqual([wanted.id]);
    // A search term next to the hash does not widen the result.
    expect((await list(a.owner.id, a.project.id, { key_hash, q: "Other" })).keys.map((k) => k.id)).toEqual([wanted.id]);
    expect((await list(a.owner.id, a.project.id, { key_hash: hashKey("kd_live_not-a-real-key") })).total).toBe(0);
    // B asks in B's own project: the key is not there.
    expect((await list(b.owner.id, b.project.id, { key_hash })).total).toBe(0);
    // B asks in A's project: not found, as for any project B is not a member of.
    expect(await appErrorCode(list(b.owner.id, a.project.id, { key_hash }))).toBe("not_found");
  });
});

describe("a key's page", () => {
  it("reads the key within its project only", async () => {
    const a = await projectOf("Page owner");
    const b = await projectOf("Page other");
    const key = await createKey({ ...a.actor, name: "Detail", environment: "test", expiry: never });
    expect(await getKey({ userId: a.owner.id, projectId: a.project.id, keyId: key.id })).toMatchObject({ id: key.id, name: "Detail", hint: key.hint, status: "active" });
    expect(await appErrorCode(getKey({ userId: b.owner.id, projectId: b.project.id, keyId: key.id }))).toBe("not_found");
    expect(await appErrorCode(getKey({ userId: b.owner.id, projectId: a.project.id, keyId: key.id }))).toBe("not_found");
    expect(await appErrorCode(getKey({ userId: a.owner.id, projectId: a.project.id, keyId: "k\u0000" }))).toBe("not_found");
  });
});

describe("order", () => {
  it("pages through every order by its cursor, each key once, in order", async () => {
    const { owner, project } = await projectOf("Order");
    const base = Date.now() - 10_000_000;
    await db.apiKey.createMany({
      data: Array.from({ length: 230 }, (_, i) => ({
        projectId: project.id,
        name: `key ${String((i * 37) % 230).padStart(3, "0")}`,
        environment: "test" as const,
        hash: hashKey(`order-${project.id}-${i}`),
        hint: `kd_test_or${i}…`,
        // Ties on created_at and on last_used_at, broken by id; a third never used.
        createdAt: new Date(base + Math.floor(i / 4) * 1000),
        lastUsedAt: i % 3 === 0 ? null : new Date(base + (i % 50) * 60_000),
      })),
    });
    const rows = await db.apiKey.findMany({ where: { projectId: project.id }, select: { id: true, name: true, createdAt: true, lastUsedAt: true } });
    const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    const time = (d: Date | null) => d?.getTime() ?? -Infinity;
    const expected: Record<ListKeysQuery["sort"], typeof rows> = {
      newest: [...rows].sort((a, b) => time(b.createdAt) - time(a.createdAt) || byId(b, a)),
      oldest: [...rows].sort((a, b) => time(a.createdAt) - time(b.createdAt) || byId(a, b)),
      name: [...rows].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : byId(a, b))),
      last_used: [...rows].sort((a, b) => time(b.lastUsedAt) - time(a.lastUsedAt) || byId(b, a)),
    };
    for (const sort of KEY_SORTS) {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await list(owner.id, project.id, { sort, limit: 40, ...(cursor ? { cursor } : {}) });
        expect(page.total).toBe(230);
        seen.push(...page.keys.map((k) => k.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(seen, sort).toEqual(expected[sort].map((r) => r.id));
    }
    // A cursor of another order starts from the top instead of skipping rows.
    const namePage = await list(owner.id, project.id, { sort: "name", limit: 10 });
    const wrong = await list(owner.id, project.id, { sort: "oldest", limit: 10, cursor: namePage.nextCursor! });
    expect(wrong.keys.map((k) => k.id)).toEqual(expected.oldest.slice(0, 10).map((r) => r.id));
  });
});
