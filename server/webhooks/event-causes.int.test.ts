import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { PeriodClock } from "@/lib/plans/period";
import { revokeKey, rotateKey, createKey } from "@/lib/keys/mutations";
import { setEmbedEnabled, rotateEmbedSecret } from "@/lib/embed/mutations";
import { createWebhookEndpoint } from "@/lib/webhooks/endpoints";
import { emitKeyExpiryEvents } from "@/lib/webhooks/key-expiry";
import { emitQuotaThresholds } from "@/lib/webhooks/quota-thresholds";
import { pgSql } from "@/lib/webhooks/outbox";
import { createApiDatabase } from "@/server/engine/database";
import { MeteringFlusher } from "@/server/engine/metering";
import { Meters } from "@/server/engine/meters";
import { UsageBuffer } from "@/server/engine/usage-buffer";
import { keyRecordFixture } from "@/server/engine/key-record.fixture";
import { projectWithKey } from "@/tests/integration/api-harness";

// Every cause writes its event on its own transaction, at most once per cause.

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const database = createApiDatabase({ url: process.env.DATABASE_URL!, poolSize: 20, applicationName: "keydeck-test-events" });

afterAll(async () => {
  await database.end();
});

/** One API instance's flusher holding `units` of the key's usage, not yet written. */
function flusherWith(key: { id: string; projectId: string }, units: number, name: string) {
  const buffer = new UsageBuffer();
  const flusher = new MeteringFlusher({ db: database, buffer, meters: new Meters(), periods: new PeriodClock(), instanceId: name, clock: Date.now, onError: (e) => console.error(e) });
  const now = Date.now();
  const entry = buffer.entry(keyRecordFixture({ digest: `digest-${key.id}-${name}`, id: key.id, projectId: key.projectId }), now - (now % HOUR))!;
  entry.units += units;
  entry.requests += units;
  return flusher;
}

const eventsOf = (projectId: string, type: string) => db.projectEvent.findMany({ where: { projectId, type }, orderBy: { createdAt: "asc" } });

describe("quota.threshold", () => {
  it("is written once when 50 instances flush across 80 % at the same moment, and once more at 100 %", async () => {
    const { project, key } = await projectWithKey(); // free plan: 1,000 units a month
    const ref = { id: key.id, projectId: project.id };
    expect(await flusherWith(ref, 790, "warm-up").flush()).toBe(true);
    expect(await eventsOf(project.id, "quota.threshold")).toHaveLength(0);

    const fifty = Array.from({ length: 50 }, (_, i) => flusherWith(ref, 1, `instance-${i}`));
    expect(await Promise.all(fifty.map((f) => f.flush()))).toEqual(Array(50).fill(true));
    const at80 = await eventsOf(project.id, "quota.threshold");
    expect(at80).toHaveLength(1);
    expect(at80[0]!.payload).toMatchObject({ project_id: project.id, scope: "project", threshold: 80, limit: 1000 });
    expect((at80[0]!.payload as { used: number }).used).toBeGreaterThanOrEqual(800);

    const more = Array.from({ length: 50 }, (_, i) => flusherWith(ref, 4, `more-${i}`));
    await Promise.all(more.map((f) => f.flush()));
    const all = await eventsOf(project.id, "quota.threshold");
    expect(all.map((e) => (e.payload as { threshold: number }).threshold)).toEqual([80, 100]);
  });

  it("counts a key's credits too, once per threshold and credit period", async () => {
    const { project, key } = await projectWithKey();
    const start = new Date(Date.UTC(2026, 0, 1));
    await db.apiKey.update({ where: { id: key.id }, data: { creditsGranted: 10, creditsUsed: 9, creditsPeriodStart: start } });
    for (let i = 0; i < 3; i++) await database.transaction((client) => emitQuotaThresholds(pgSql(client), { periods: [], creditedKeyIds: [key.id] }));
    const events = await eventsOf(project.id, "quota.threshold");
    expect(events).toHaveLength(1);
    expect(events[0]!.payload).toMatchObject({ scope: "key_credits", threshold: 80, used: 9, limit: 10, key: { id: key.id }, period_start: start.toISOString() });
  });
});

describe("key expiry", () => {
  it("announces key.expiring 7 days and 1 day ahead and key.expired once, whatever the number of scans", async () => {
    const { project, actor } = await projectWithKey();
    const now = Date.now();
    const make = async (name: string, expiresIn: number, createdAgo = 30 * DAY) => {
      const key = await createKey({ ...actor, name, environment: "live", expiry: { kind: "never" } });
      await db.apiKey.update({ where: { id: key.id }, data: { expiresAt: new Date(now + expiresIn), createdAt: new Date(now - createdAgo) } });
      return key;
    };
    const inSixDays = await make("six days", 6 * DAY);
    const inHalfADay = await make("half a day", 12 * HOUR);
    const expired = await make("expired", -60_000);
    const shortLived = await make("made for 3 days", 2 * DAY, DAY);
    await make("far away", 30 * DAY);
    const revoked = await make("revoked", -60_000);
    await revokeKey({ ...actor, keyId: revoked.id });

    // Five scans at once (the scan is global: other test files' keys may get events too, so
    // what they wrote is counted on this project's events below: each exactly once).
    await Promise.all(Array.from({ length: 5 }, () => database.transaction((client) => emitKeyExpiryEvents(pgSql(client), new Date(now)))));
    await database.transaction((client) => emitKeyExpiryEvents(pgSql(client), new Date(now + 1000)));

    const expiring = await eventsOf(project.id, "key.expiring");
    expect(expiring.map((e) => [(e.payload as { key: { id: string } }).key.id, (e.payload as { days_left: number }).days_left]).sort()).toEqual(
      [[inSixDays.id, 7], [inHalfADay.id, 1]].sort(),
    );
    const expiredEvents = await eventsOf(project.id, "key.expired");
    expect(expiredEvents).toHaveLength(1);
    expect(expiredEvents[0]!.payload).toMatchObject({ project_id: project.id, key: { id: expired.id, name: "expired", hint: expired.hint } });
    // The 3-day key gets no 7-day reminder; a day later it gets its 1-day one.
    expect(expiring.some((e) => (e.payload as { key: { id: string } }).key.id === shortLived.id)).toBe(false);
    await database.transaction((client) => emitKeyExpiryEvents(pgSql(client), new Date(now + 1.5 * DAY)));
    const later = await eventsOf(project.id, "key.expiring");
    expect(later.filter((e) => (e.payload as { key: { id: string } }).key.id === shortLived.id).map((e) => (e.payload as { days_left: number }).days_left)).toEqual([1]);
  });
});

describe("activity causes", () => {
  it("emit key.created, key.revoked, key.rotated and embed.secret_rotated on the change's transaction, with a delivery per subscribed endpoint", async () => {
    const { project, actor, key } = await projectWithKey();
    await createWebhookEndpoint({ ...actor, url: "http://127.0.0.1:9/never", description: "", eventTypes: ["key.revoked", "key.rotated"] });
    const rotated = await rotateKey({ ...actor, keyId: key.id, overlap: "1h" });
    await revokeKey({ ...actor, keyId: rotated.id });
    await setEmbedEnabled({ ...actor, enabled: true });
    await rotateEmbedSecret({ ...actor, overlap: "now" });
    const events = await db.projectEvent.findMany({ where: { projectId: project.id }, orderBy: { createdAt: "asc" }, include: { deliveries: true } });
    expect(events.map((e) => e.type)).toEqual(["key.created", "key.rotated", "key.revoked", "embed.secret_rotated"]);
    expect(events.map((e) => e.deliveries.length)).toEqual([0, 1, 1, 0]);
    expect(events[1]!.payload).toMatchObject({ key: { id: key.id }, new_key: { id: rotated.id, hint: rotated.hint }, overlap: "1h" });
    // A queued job for each delivery, keyed by it.
    const jobs = await db.$queryRawUnsafe<{ key: string }[]>(`SELECT key FROM graphile_worker._private_jobs WHERE key = ANY($1::text[])`, events.flatMap((e) => e.deliveries.map((d) => `webhook:${d.id}`)));
    expect(jobs).toHaveLength(2);
  });
});
