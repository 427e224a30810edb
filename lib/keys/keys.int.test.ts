import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { appErrorCode, createUser } from "@/tests/integration/factories";
import { createProject } from "@/lib/projects/mutations";
import { hashKey, parseKey } from "./format";
import { createKey, revokeKey, rotateKey } from "./mutations";
import { listKeys } from "./queries";
import { listKeysQuery, MAX_ACTIVE_KEYS } from "./schemas";

const ip = "198.51.100.4";
const never = { kind: "never" } as const;


async function keysSnapshot() {
  const [keys, activity] = await Promise.all([
    db.apiKey.findMany({ orderBy: { id: "asc" } }),
    db.activityEvent.findMany({ orderBy: { id: "asc" } }),
  ]);
  return JSON.stringify({ keys, activity });
}

async function setup() {
  const owner = await createUser("Owner");
  const project = await createProject({ userId: owner.id, ip, name: "Keys Project" });
  return { owner, project, actor: { userId: owner.id, ip, projectId: project.id } };
}

const list = (userId: string, projectId: string, query: Record<string, unknown> = {}) =>
  listKeys({ userId, projectId, query: listKeysQuery.parse(query) });

afterAll(async () => {
  await db.$disconnect();
});

describe("createKey", () => {
  it("returns the plaintext once and stores only its hash and hint", async () => {
    const { actor } = await setup();
    const issued = await createKey({ ...actor, name: "Backend", environment: "live", expiry: never });
    expect(parseKey(issued.plaintext)).toEqual({ prefix: "kd", environment: "live" });
    const row = await db.apiKey.findUniqueOrThrow({ where: { id: issued.id } });
    expect(row.hash).toBe(hashKey(issued.plaintext));
    expect(row.hint).toBe(issued.hint);
    expect(JSON.stringify(row)).not.toContain(issued.plaintext);
    const log = await db.activityEvent.findFirstOrThrow({ where: { action: "key.created", targetId: issued.id } });
    expect(log).toMatchObject({ targetLabel: issued.hint, ip, actorId: actor.userId });
  });

  it("sets the expiry from the chosen policy", async () => {
    const { actor } = await setup();
    const before = Date.now();
    const in30 = await createKey({ ...actor, name: "30 days", environment: "test", expiry: { kind: "days", days: 30 } });
    expect(Date.parse(in30.expiresAt!) - before).toBeGreaterThanOrEqual(30 * 86_400_000 - 1000);
    expect(Date.parse(in30.expiresAt!) - before).toBeLessThan(30 * 86_400_000 + 5000);
    const dated = await createKey({ ...actor, name: "dated", environment: "test", expiry: { kind: "date", date: "2030-01-15" } });
    expect(dated.expiresAt).toBe("2030-01-15T00:00:00.000Z");
  });

  it("refuses the 101st active key and writes nothing", async () => {
    const { actor, project } = await setup();
    await db.apiKey.createMany({
      data: Array.from({ length: MAX_ACTIVE_KEYS }, (_, i) => ({
        projectId: project.id,
        name: `bulk ${i}`,
        environment: "live" as const,
        hash: hashKey(`bulk-${project.id}-${i}`),
        hint: `kd_live_bulk…${i}`,
      })),
    });
    const before = await keysSnapshot();
    expect(await appErrorCode(createKey({ ...actor, name: "one too many", environment: "live", expiry: never }))).toBe("limit_reached");
    expect(await keysSnapshot()).toBe(before);
    // A revoked key frees its slot.
    const [first] = await db.apiKey.findMany({ where: { projectId: project.id }, take: 1 });
    await revokeKey({ ...actor, keyId: first!.id });
    await expect(createKey({ ...actor, name: "fits now", environment: "live", expiry: never })).resolves.toBeTruthy();
  });

  it("holds the limit under concurrent creates", async () => {
    const { actor, project } = await setup();
    await db.apiKey.createMany({
      data: Array.from({ length: MAX_ACTIVE_KEYS - 3 }, (_, i) => ({
        projectId: project.id,
        name: `bulk ${i}`,
        environment: "test" as const,
        hash: hashKey(`race-${project.id}-${i}`),
        hint: `kd_test_race…${i}`,
      })),
    });
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) => createKey({ ...actor, name: `racer ${i}`, environment: "test", expiry: never })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(3);
    expect(await db.apiKey.count({ where: { projectId: project.id, revokedAt: null } })).toBe(MAX_ACTIVE_KEYS);
  });
});

describe("revokeKey", () => {
  it("revokes at once, logs it, and is idempotent", async () => {
    const { actor } = await setup();
    const issued = await createKey({ ...actor, name: "to revoke", environment: "live", expiry: never });
    const first = await revokeKey({ ...actor, keyId: issued.id });
    const again = await revokeKey({ ...actor, keyId: issued.id });
    expect(again.revokedAt).toBe(first.revokedAt);
    expect(await db.activityEvent.count({ where: { action: "key.revoked", targetId: issued.id } })).toBe(1);
    const [summary] = (await list(actor.userId, actor.projectId, { status: "revoked" })).keys;
    expect(summary).toMatchObject({ id: issued.id, status: "revoked" });
  });
});

describe("rotateKey", () => {
  it("issues a linked replacement and expires the old key after the overlap", async () => {
    const { actor } = await setup();
    const old = await createKey({ ...actor, name: "rotating", environment: "test", expiry: { kind: "days", days: 90 } });
    const started = Date.now();
    const rotated = await rotateKey({ ...actor, keyId: old.id, overlap: "24h" });
    expect(rotated).toMatchObject({ name: "rotating", environment: "test" });
    expect(rotated.plaintext).not.toBe(old.plaintext);
    const oldExpiry = Date.parse(rotated.oldKey.expiresAt) - started;
    expect(oldExpiry).toBeGreaterThan(24 * 3600_000 - 5000);
    expect(oldExpiry).toBeLessThanOrEqual(24 * 3600_000 + 1000);
    // Same 90-day lifetime for the new key.
    expect(Date.parse(rotated.expiresAt!) - started).toBeGreaterThan(90 * 86_400_000 - 5000);

    const { keys } = await list(actor.userId, actor.projectId);
    const oldSummary = keys.find((k) => k.id === old.id)!;
    const newSummary = keys.find((k) => k.id === rotated.id)!;
    expect(oldSummary).toMatchObject({ status: "expiring", rotatedTo: { id: rotated.id, hint: rotated.hint } });
    expect(newSummary).toMatchObject({ status: "active", rotatedFrom: { id: old.id, hint: old.hint } });
    const log = await db.activityEvent.findFirstOrThrow({ where: { action: "key.rotated", targetId: old.id } });
    expect(log.metadata).toMatchObject({ overlap: "24h", newKeyId: rotated.id });
  });

  it("with no overlap, the old key stops working now", async () => {
    const { actor } = await setup();
    const old = await createKey({ ...actor, name: "now", environment: "live", expiry: never });
    await rotateKey({ ...actor, keyId: old.id, overlap: "now" });
    const { keys } = await list(actor.userId, actor.projectId, { status: "expired" });
    expect(keys.map((k) => k.id)).toEqual([old.id]);
  });

  it("never lengthens an old key that expires sooner than the overlap", async () => {
    const { actor, project } = await setup();
    const soon = new Date(Date.now() + 3600_000);
    const key = await db.apiKey.create({
      data: { projectId: project.id, name: "short", environment: "live", hash: hashKey(`short-${project.id}`), hint: "kd_live_shrt…x", expiresAt: soon },
    });
    const rotated = await rotateKey({ ...actor, keyId: key.id, overlap: "7d" });
    expect(rotated.oldKey.expiresAt).toBe(soon.toISOString());
  });

  it("refuses revoked and already-rotated keys, and a rotation past the key limit, changing nothing", async () => {
    const { actor, project } = await setup();
    const revoked = await createKey({ ...actor, name: "revoked", environment: "live", expiry: never });
    await revokeKey({ ...actor, keyId: revoked.id });
    const once = await createKey({ ...actor, name: "once", environment: "live", expiry: never });
    await rotateKey({ ...actor, keyId: once.id, overlap: "1h" });
    await db.apiKey.createMany({
      data: Array.from({ length: MAX_ACTIVE_KEYS - 2 }, (_, i) => ({
        projectId: project.id,
        name: `fill ${i}`,
        environment: "live" as const,
        hash: hashKey(`fill-${project.id}-${i}`),
        hint: `kd_live_fill…${i}`,
      })),
    });
    const full = await db.apiKey.findFirstOrThrow({ where: { projectId: project.id, name: "fill 0" } });

    const before = await keysSnapshot();
    expect(await appErrorCode(rotateKey({ ...actor, keyId: revoked.id, overlap: "1h" }))).toBe("conflict");
    expect(await appErrorCode(rotateKey({ ...actor, keyId: once.id, overlap: "1h" }))).toBe("conflict");
    expect(await appErrorCode(rotateKey({ ...actor, keyId: full.id, overlap: "7d" }))).toBe("limit_reached");
    expect(await keysSnapshot()).toBe(before);
    // With no overlap the old key's slot is reused, so the rotation fits.
    await expect(rotateKey({ ...actor, keyId: full.id, overlap: "now" })).resolves.toBeTruthy();
  });
});

describe("tenant isolation", () => {
  it("answers not_found for another project's key and for a stranger, changing nothing", async () => {
    const a = await setup();
    const b = await setup();
    const aKey = await createKey({ ...a.actor, name: "A's key", environment: "live", expiry: never });
    const before = await keysSnapshot();

    // B names A's key under B's own project.
    expect(await appErrorCode(revokeKey({ ...b.actor, keyId: aKey.id }))).toBe("not_found");
    expect(await appErrorCode(rotateKey({ ...b.actor, keyId: aKey.id, overlap: "now" }))).toBe("not_found");
    // B names A's project outright.
    const stranger = { userId: b.owner.id, ip, projectId: a.project.id };
    expect(await appErrorCode(createKey({ ...stranger, name: "x", environment: "live", expiry: never }))).toBe("not_found");
    expect(await appErrorCode(revokeKey({ ...stranger, keyId: aKey.id }))).toBe("not_found");
    expect(await appErrorCode(rotateKey({ ...stranger, keyId: aKey.id, overlap: "now" }))).toBe("not_found");
    expect(await appErrorCode(list(b.owner.id, a.project.id))).toBe("not_found");
    expect(await keysSnapshot()).toBe(before);
  });

  it("lets a viewer list keys but not change them", async () => {
    const { actor, project } = await setup();
    const viewer = await createUser("Viewer");
    await db.membership.create({ data: { projectId: project.id, userId: viewer.id, role: "viewer", directRole: "viewer" } });
    const key = await createKey({ ...actor, name: "viewed", environment: "live", expiry: never });
    expect((await list(viewer.id, project.id)).keys.map((k) => k.id)).toEqual([key.id]);
    const asViewer = { userId: viewer.id, ip, projectId: project.id };
    expect(await appErrorCode(createKey({ ...asViewer, name: "x", environment: "live", expiry: never }))).toBe("forbidden");
    expect(await appErrorCode(revokeKey({ ...asViewer, keyId: key.id }))).toBe("forbidden");
  });
});

describe("listKeys", () => {
  it("pages through thousands of keys newest first, with filters", async () => {
    const { actor, project } = await setup();
    const base = Date.now() - 3_000_000;
    await db.apiKey.createMany({
      data: Array.from({ length: 2500 }, (_, i) => ({
        projectId: project.id,
        name: i % 10 === 0 ? `search-me ${i}` : `key ${i}`,
        environment: i % 2 === 0 ? ("live" as const) : ("test" as const),
        hash: hashKey(`page-${project.id}-${i}`),
        hint: `kd_live_pg${String(i).padStart(4, "0")}…`,
        createdAt: new Date(base + Math.floor(i / 3) * 1000), // ties on created_at, broken by id
        revokedAt: i % 7 === 0 ? new Date() : null,
      })),
    });
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await list(actor.userId, project.id, { limit: 100, ...(cursor ? { cursor } : {}) });
      expect(page.total).toBe(2500);
      seen.push(...page.keys.map((k) => k.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toHaveLength(2500);
    expect(new Set(seen).size).toBe(2500);

    const revoked = await list(actor.userId, project.id, { status: "revoked", limit: 100 });
    expect(revoked.total).toBe(Math.ceil(2500 / 7));
    const liveSearch = await list(actor.userId, project.id, { environment: "live", q: "SEARCH-me" });
    expect(liveSearch.total).toBe(250);
    expect(liveSearch.keys.every((k) => k.environment === "live" && k.name.startsWith("search-me"))).toBe(true);
  });
});

describe("ids that cannot name a row", () => {
  // Found by the bad-input fuzz: a NUL character reached PostgreSQL, which
  // cannot hold one in text, and the action answered "internal".
  it("are not found, or refused by the schemas, instead of failing the query", async () => {
    const { owner, project } = await setup();
    expect(await appErrorCode(list(owner.id, "p\u0000"))).toBe("not_found");
    expect(await appErrorCode(revokeKey({ userId: owner.id, ip, projectId: project.id, keyId: "k\u0000" }))).toBe("not_found");
    const { revokeKeyInput } = await import("./schemas");
    expect(revokeKeyInput.safeParse({ projectId: project.id, keyId: "\u202e\u0000" }).success).toBe(false);
    expect(listKeysQuery.safeParse({ q: "a\u0000" }).success).toBe(false);
    const cursor = Buffer.from(`${new Date().toISOString()}|x\u0000`).toString("base64url");
    expect((await list(owner.id, project.id, { cursor })).keys).toEqual([]);
  });
});
