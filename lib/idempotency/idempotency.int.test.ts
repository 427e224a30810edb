import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { appErrorCode, createUser, snapshot } from "@/tests/integration/factories";
import { createProject } from "@/lib/projects/mutations";
import { createKey } from "@/lib/keys/mutations";
import { hashKey } from "@/lib/keys/format";
import { inviteMember } from "@/lib/teams/invitations";
import { setEmbedEnabled } from "@/lib/embed/mutations";
import { confirmReveal } from "./confirm";
import { DIFFERENT_DETAILS } from "./repeatable";

// Every create action answers a request (user, action, idempotency key) once:
// truly concurrent twins (Promise.all over the pool, each in its own
// transaction) make one row and all get the same answer; a repeat gets the
// first answer, with its one-time secret until the user confirmed copying it.

const ip = "198.51.100.23";
const never = { kind: "never" } as const;
/** Twins sent at the same instant: as many as the pool lets run side by side. */
const TWINS = 8;

afterAll(async () => {
  await db.$disconnect();
});

async function setup() {
  const owner = await createUser("Idempotent Owner");
  const project = await createProject({ userId: owner.id, ip, name: "Idempotent Project" });
  return { owner, project, actor: { userId: owner.id, ip, projectId: project.id } };
}

const twins = <T>(call: () => Promise<T>) => Promise.all(Array.from({ length: TWINS }, call));

/** Every stored request of a user, whole rows as text: what a database dump would show. */
async function storedRequests(userId: string) {
  return db.$queryRaw<{ row: string }[]>`SELECT row_to_json(r)::text AS row FROM idempotent_requests r WHERE user_id = ${userId}`;
}

/** Moves a user's stored requests back in time, as if `minutes` had passed. */
async function age(userId: string, minutes: number) {
  await db.$executeRaw`UPDATE idempotent_requests SET created_at = created_at - make_interval(mins => ${minutes}::int) WHERE user_id = ${userId}`;
}

describe("concurrent twins of one request make exactly one of the thing", () => {
  it("createProject: one project, one activity row, the same answer for all", async () => {
    const owner = await createUser("Twin Owner");
    const idempotencyKey = randomUUID();
    const answers = await twins(() => createProject({ userId: owner.id, ip, name: "Twin Project", idempotencyKey }));
    for (const answer of answers) expect(answer).toEqual(answers[0]);
    expect(await db.project.count({ where: { memberships: { some: { userId: owner.id } } } })).toBe(1);
    expect(await db.activityEvent.count({ where: { actorId: owner.id, action: "project.created" } })).toBe(1);
  });

  it("createKey: one key, whose hash is of the one plaintext every answer shows; no row holds the plaintext", async () => {
    const { owner, project, actor } = await setup();
    const idempotencyKey = randomUUID();
    const answers = await twins(() => createKey({ ...actor, name: "Twin key", environment: "live", expiry: never, idempotencyKey }));
    for (const answer of answers) expect(answer).toEqual(answers[0]);
    const keys = await db.apiKey.findMany({ where: { projectId: project.id } });
    expect(keys).toHaveLength(1);
    expect(keys[0]!.hash).toBe(hashKey(answers[0]!.plaintext));
    const rows = await storedRequests(owner.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.row).not.toContain(answers[0]!.plaintext);
    expect(rows[0]!.row).not.toContain(answers[0]!.plaintext.slice(8));
  });

  it("inviteMember: one invitation, one link for all", async () => {
    const { owner, project, actor } = await setup();
    const idempotencyKey = randomUUID();
    const answers = await twins(() => inviteMember({ ...actor, email: "twin@example.test", role: "developer", idempotencyKey }));
    for (const answer of answers) expect(answer).toEqual(answers[0]);
    expect(await db.invitation.count({ where: { projectId: project.id } })).toBe(1);
    expect((await storedRequests(owner.id))[0]!.row).not.toContain(answers[0]!.link.split("/invitations/")[1]);
  });

  it("setEmbedEnabled: one signing secret, and every answer (its receipt too, completed after the commit) is the first's", async () => {
    const { project, actor } = await setup();
    const idempotencyKey = randomUUID();
    const answers = await twins(() => setEmbedEnabled({ ...actor, enabled: true, idempotencyKey }));
    expect(answers[0]!.secret).not.toBeNull();
    expect(answers[0]!.receipt).not.toBeNull();
    for (const answer of answers) expect(answer).toEqual(answers[0]);
    expect(await db.embedSigningSecret.count({ where: { projectId: project.id } })).toBe(1);
    expect(await db.activityEvent.count({ where: { projectId: project.id, action: "embed.enabled" } })).toBe(1);
  });
});

describe("a repeat", () => {
  it("after success gets the first answer, secret included, and changes nothing", async () => {
    const { actor } = await setup();
    const idempotencyKey = randomUUID();
    const first = await createKey({ ...actor, name: "Repeated", environment: "test", expiry: { kind: "days", days: 30 }, idempotencyKey });
    const before = await snapshot();
    expect(await createKey({ ...actor, name: "Repeated", environment: "test", expiry: { kind: "days", days: 30 }, idempotencyKey })).toEqual(first);
    expect(await snapshot()).toBe(before);
  });

  it("after the user confirmed copying the secret is told 'already created', and the sealed copy is gone", async () => {
    const { owner, actor } = await setup();
    const cases = [
      { action: "createKey", call: (idempotencyKey: string) => createKey({ ...actor, name: "Confirmed", environment: "live", expiry: never, idempotencyKey }) },
      { action: "inviteMember", call: (idempotencyKey: string) => inviteMember({ ...actor, email: "confirmed@example.test", role: "viewer", idempotencyKey }) },
      { action: "setEmbedEnabled", call: (idempotencyKey: string) => setEmbedEnabled({ ...actor, enabled: true, idempotencyKey }) },
    ];
    for (const { action, call } of cases) {
      const idempotencyKey = randomUUID();
      await call(idempotencyKey);
      const sealed = () => db.idempotentRequest.findFirstOrThrow({ where: { userId: owner.id, action, idempotencyKey }, select: { sealedSecret: true } });
      expect((await sealed()).sealedSecret, action).toMatch(/^v2\./);
      await confirmReveal({ userId: owner.id, idempotencyKey });
      expect((await sealed()).sealedSecret, action).toBeNull();
      const before = await snapshot();
      expect(await appErrorCode(call(idempotencyKey)), action).toBe("already_created");
      expect(await snapshot(), action).toBe(before);
    }
  });

  it("after 10 minutes is a new request; within them it is not", async () => {
    const { owner, project, actor } = await setup();
    const idempotencyKey = randomUUID();
    const create = () => createKey({ ...actor, name: "Aged", environment: "live", expiry: never, idempotencyKey });
    const first = await create();
    await age(owner.id, 9);
    expect(await create()).toEqual(first);
    await age(owner.id, 2);
    const second = await create();
    expect(second.id).not.toBe(first.id);
    expect(second.plaintext).not.toBe(first.plaintext);
    expect(await db.apiKey.count({ where: { projectId: project.id } })).toBe(2);
    // The old row was taken over, not added to.
    expect(await storedRequests(owner.id)).toHaveLength(1);
    expect(await create()).toEqual(second);
  });

  it("with other details is refused (409) and creates nothing", async () => {
    const { actor } = await setup();
    const idempotencyKey = randomUUID();
    await createKey({ ...actor, name: "First details", environment: "live", expiry: never, idempotencyKey });
    const before = await snapshot();
    const refusal = await createKey({ ...actor, name: "Other details", environment: "live", expiry: never, idempotencyKey }).catch((e: unknown) => e);
    expect(refusal).toMatchObject({ code: "conflict", status: 409, message: DIFFERENT_DETAILS });
    expect(await appErrorCode(createKey({ ...actor, name: "First details", environment: "test", expiry: never, idempotencyKey }))).toBe("conflict");
    expect(await snapshot()).toBe(before);
  });
});

describe("keys never collide", () => {
  it("across users, across actions, and between two keys of one user", async () => {
    const [alice, bob] = [await createUser("Alice"), await createUser("Bob")];
    const idempotencyKey = randomUUID();
    const ofAlice = await createProject({ userId: alice.id, ip, name: "Same key", idempotencyKey });
    const ofBob = await createProject({ userId: bob.id, ip, name: "Same key", idempotencyKey });
    expect(ofBob.id).not.toBe(ofAlice.id);
    // The same key for another action of the same user is another request.
    const key = await createKey({ userId: alice.id, ip, projectId: ofAlice.id, name: "Same key", environment: "live", expiry: never, idempotencyKey });
    expect(key.plaintext).toBeTruthy();
    const again = await createProject({ userId: alice.id, ip, name: "Same key", idempotencyKey: randomUUID() });
    expect(again.id).not.toBe(ofAlice.id);
    expect(await db.project.count({ where: { memberships: { some: { userId: alice.id } } } })).toBe(2);
  });

  it("a refused request keeps no claim: its key is free for the corrected request", async () => {
    const { owner, actor } = await setup();
    const stranger = await createUser("Stranger");
    const idempotencyKey = randomUUID();
    expect(await appErrorCode(createKey({ ...actor, userId: stranger.id, name: "x", environment: "live", expiry: never, idempotencyKey }))).toBe("not_found");
    expect(await storedRequests(stranger.id)).toEqual([]);
    // Refused after the claim (the address is a member's): rolled back with it.
    expect(await appErrorCode(inviteMember({ ...actor, email: owner.email!, role: "viewer", idempotencyKey }))).toBe("conflict");
    expect(await storedRequests(owner.id)).toEqual([]);
    await expect(inviteMember({ ...actor, email: "corrected@example.test", role: "viewer", idempotencyKey })).resolves.toMatchObject({ email: "corrected@example.test" });
  });
});

describe("confirmReveal", () => {
  it("is 'not found' for a key the user never used, or someone else's, and leaves theirs alone", async () => {
    const { owner, actor } = await setup();
    const other = await createUser("Other");
    const idempotencyKey = randomUUID();
    const issued = await createKey({ ...actor, name: "Not theirs", environment: "live", expiry: never, idempotencyKey });
    expect(await appErrorCode(confirmReveal({ userId: other.id, idempotencyKey }))).toBe("not_found");
    expect(await appErrorCode(confirmReveal({ userId: owner.id, idempotencyKey: randomUUID() }))).toBe("not_found");
    expect(await createKey({ ...actor, name: "Not theirs", environment: "live", expiry: never, idempotencyKey })).toEqual(issued);
    // Done twice (a double click) is fine.
    await confirmReveal({ userId: owner.id, idempotencyKey });
    await expect(confirmReveal({ userId: owner.id, idempotencyKey })).resolves.toEqual({ confirmed: true });
  });
});
