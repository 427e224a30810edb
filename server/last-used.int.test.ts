import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { PeriodClock } from "@/lib/plans/period";
import { createApiDatabase, type ApiDatabase, type Queryable } from "@/server/engine/database";
import { MeteringFlusher } from "@/server/engine/metering";
import { Meters } from "@/server/engine/meters";
import { UsageBuffer } from "@/server/engine/usage-buffer";
import { keyRecordFixture } from "@/server/engine/key-record.fixture";
import { parseAddress } from "@/lib/keys/ip-allowlist";
import { projectWithKey, recordedUnits, startApi } from "@/tests/integration/api-harness";

// "Last used" on the keys page and the usage figures come from the same
// flush: one transaction writes the usage rows and moves last_used_at to the
// latest request of the batch, never back, with that request's client
// address (the verify body's client_ip) or none.

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
  const served = (key: { id: string; projectId: string }, ...requests: (number | { at: number; ip: string | null })[]) => {
    const record = keyRecordFixture({ digest: `digest-${key.id}`, id: key.id, projectId: key.projectId });
    for (const request of requests) {
      const { at, ip } = typeof request === "number" ? { at: request, ip: null } : request;
      const entry = buffer.entry(record, at - (at % HOUR))!;
      entry.units += 1;
      entry.requests += 1;
      // As the verifier does: the entry keeps its latest request's time and address.
      if (at >= entry.lastUsedAt) [entry.lastUsedAt, entry.lastClientIp] = [at, ip === null ? null : parseAddress(ip)];
    }
  };
  return { flusher, served };
}

const lastUsedAt = async (keyId: string) => (await db.apiKey.findUniqueOrThrow({ where: { id: keyId } })).lastUsedAt?.getTime() ?? null;
const lastUse = async (keyId: string) => {
  const key = await db.apiKey.findUniqueOrThrow({ where: { id: keyId }, select: { lastUsedAt: true, lastUsedIp: true } });
  return { at: key.lastUsedAt?.getTime() ?? null, ip: key.lastUsedIp };
};

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

  it("keeps the client address of the batch's latest request, across hours, in canonical form", async () => {
    const { project, key } = await projectWithKey();
    const now = Date.now() - (Date.now() % 1000);
    const { flusher, served } = instance(real, "f");
    served(
      { id: key.id, projectId: project.id },
      { at: now - 2 * HOUR, ip: "198.51.100.1" },
      { at: now - 20_000, ip: "2001:DB8:0:0::7" },
      { at: now - 90_000, ip: "203.0.113.7" },
    );
    expect(await flusher.flush()).toBe(true);
    expect(await lastUse(key.id)).toEqual({ at: now - 20_000, ip: "2001:db8::7" });
  });

  it("moves the address with its time: a later request without client_ip leaves none, an older batch changes neither", async () => {
    const { project, key } = await projectWithKey();
    const now = Date.now() - (Date.now() % 1000);
    const scope = { id: key.id, projectId: project.id };
    const g = instance(real, "g");
    g.served(scope, { at: now - 300_000, ip: "203.0.113.7" });
    expect(await g.flusher.flush()).toBe(true);
    expect(await lastUse(key.id)).toEqual({ at: now - 300_000, ip: "203.0.113.7" });

    // Another instance's batch of older requests, with another address: the newer pair stays.
    const h = instance(real, "h");
    h.served(scope, { at: now - 400_000, ip: "192.0.2.99" });
    expect(await h.flusher.flush()).toBe(true);
    expect(await lastUse(key.id)).toEqual({ at: now - 300_000, ip: "203.0.113.7" });

    // The latest request gave no address: "last used" must not pair its time with an earlier request's address.
    g.served(scope, { at: now - 10_000, ip: null });
    expect(await g.flusher.flush()).toBe(true);
    expect(await lastUse(key.id)).toEqual({ at: now - 10_000, ip: null });
  });

  it("through the API: client_ip of the verify body, never the socket address of the caller's server", async () => {
    const api = await startApi();
    try {
      const { key, auth } = await projectWithKey();
      const verify = (payload: object) =>
        api.app.inject({ method: "POST", url: "/api/v1/verify", headers: auth, payload, remoteAddress: "198.51.100.50" });
      expect((await verify({})).statusCode).toBe(200);
      expect(await api.service.flusher.drain(5_000)).toBe(true);
      expect((await lastUse(key.id)).ip).toBeNull();

      // A minute later (the resolution at which last_used_at is written), with the address the caller's API saw.
      api.advance(61_000);
      expect((await verify({ client_ip: "::ffff:203.0.113.7" })).statusCode).toBe(200);
      expect(await api.service.flusher.drain(5_000)).toBe(true);
      expect((await lastUse(key.id)).ip).toBe("203.0.113.7");
    } finally {
      await api.close();
    }
  });
});
