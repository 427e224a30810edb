import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { PeriodClock } from "@/lib/plans/period";
import { createApiDatabase, type ApiDatabase, type Queryable } from "@/server/engine/database";
import { MeteringFlusher } from "@/server/engine/metering";
import { Meters } from "@/server/engine/meters";
import { UsageBuffer } from "@/server/engine/usage-buffer";
import { keyRecordFixture } from "@/server/engine/key-record.fixture";
import { projectWithKey, recordedUnits } from "@/tests/integration/api-harness";

// "Last used" on the keys page and the usage figures come from the same
// flush: one transaction writes the usage rows and moves last_used_at to the
// latest request of the batch, never back.

const HOUR = 3600_000;
const real = createApiDatabase({ url: process.env.DATABASE_URL!, poolSize: 2, applicationName: "keydeck-test" });

afterAll(async () => {
  await real.end();
  await db.$disconnect();
});

/** A flusher of its own (as one API instance), with a usage entry per given request time of the key. */
function instance(database: ApiDatabase, name: string) {
  const buffer = new UsageBuffer();
  const flusher = new MeteringFlusher({ db: database, buffer, meters: new Meters(), periods: new PeriodClock(), instanceId: name, clock: Date.now, onError: () => {} });
  const served = (key: { id: string; projectId: string }, ...times: number[]) => {
    const record = keyRecordFixture({ digest: `digest-${key.id}`, id: key.id, projectId: key.projectId });
    for (const at of times) {
      const entry = buffer.entry(record, at - (at % HOUR))!;
      entry.units += 1;
      entry.requests += 1;
      entry.lastUsedAt = Math.max(entry.lastUsedAt, at);
    }
  };
  return { flusher, served };
}

const lastUsedAt = async (keyId: string) => (await db.apiKey.findUniqueOrThrow({ where: { id: keyId } })).lastUsedAt?.getTime() ?? null;

describe("last used", () => {
  it("is written by the flush with the usage rows: the batch's latest request, across hours", async () => {
    const { project, key } = await projectWithKey();
    const now = Date.now() - (Date.now() % 1000);
    const { flusher, served } = instance(real, "a");
    // The latest first: the batch's entries (one per key and hour) come in no particular order.
    served({ id: key.id, projectId: project.id }, now - 30_000, now - 2 * HOUR, now - 90_000);
    expect(await lastUsedAt(key.id)).toBeNull();
    expect(await flusher.flush()).toBe(true);
    expect(await recordedUnits(project.id)).toBe(3);
    expect(await lastUsedAt(key.id)).toBe(now - 30_000);
  });

  it("is written in the same transaction as the usage: a batch that fails writes neither, and its retry both", async () => {
    const { project, key } = await projectWithKey();
    const at = Date.now() - (Date.now() % 1000);
    let fail = true;
    // The statement after the usage upserts fails once: the whole batch must roll back.
    const failing: ApiDatabase = {
      ...real,
      transaction: (work) =>
        real.transaction((client) =>
          work({
            query: ((sql: string, params?: unknown[]) => {
              if (fail && sql.includes("last_used_at")) {
                fail = false;
                throw new Error("the connection dropped");
              }
              return client.query(sql, params);
            }) as Queryable["query"],
          }),
        ),
    };
    const { flusher, served } = instance(failing, "b");
    served({ id: key.id, projectId: project.id }, at);
    expect(await flusher.flush()).toBe(false);
    expect(await recordedUnits(project.id)).toBe(0);
    expect(await lastUsedAt(key.id)).toBeNull();
    expect(await flusher.flush()).toBe(true);
    expect(await recordedUnits(project.id)).toBe(1);
    expect(await lastUsedAt(key.id)).toBe(at);
  });

  it("never moves back: not for an older batch of another instance, nor for a batch retried after a lost reply", async () => {
    const { project, key } = await projectWithKey();
    const now = Date.now() - (Date.now() % 1000);
    const scope = { id: key.id, projectId: project.id };

    // Instance c's batch commits, but the reply is lost: it will retry the same batch.
    let loseReply = true;
    const lossy: ApiDatabase = {
      ...real,
      async transaction(work) {
        const result = await real.transaction(work);
        if (loseReply) {
          loseReply = false;
          throw Object.assign(new Error("Connection terminated unexpectedly"), { code: "ECONNRESET" });
        }
        return result;
      },
    };
    const c = instance(lossy, "c");
    c.served(scope, now - 120_000);
    expect(await c.flusher.flush()).toBe(false);
    expect(await lastUsedAt(key.id)).toBe(now - 120_000);

    // Meanwhile instance d served the key later.
    const d = instance(real, "d");
    d.served(scope, now - 10_000);
    expect(await d.flusher.flush()).toBe(true);
    expect(await lastUsedAt(key.id)).toBe(now - 10_000);

    // The retry finds its batch committed and writes nothing: not the units again, not the older time.
    expect(await c.flusher.flush()).toBe(true);
    expect(await recordedUnits(project.id)).toBe(2);
    expect(await lastUsedAt(key.id)).toBe(now - 10_000);

    // A new batch of an older request (an instance whose buffer lagged) leaves it too.
    const e = instance(real, "e");
    e.served(scope, now - 300_000);
    expect(await e.flusher.flush()).toBe(true);
    expect(await recordedUnits(project.id)).toBe(3);
    expect(await lastUsedAt(key.id)).toBe(now - 10_000);
  });
});
