import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { createUser } from "@/tests/integration/factories";
import { createProject } from "@/lib/projects/mutations";
import { createKey, revokeKey } from "@/lib/keys/mutations";
import { usageSeries } from "./series";
import { usageSummary } from "./summary";
import { onboardingFacts } from "./onboarding";

const ip = "192.0.2.1";
const never = { kind: "never" } as const;
const H = 3600_000;

async function setup() {
  const user = await createUser();
  const project = await createProject({ userId: user.id, ip, name: "Usage" });
  const actor = { userId: user.id, ip, projectId: project.id };
  const a = await createKey({ ...actor, name: "alpha", environment: "live", expiry: never });
  const b = await createKey({ ...actor, name: "beta", environment: "test", expiry: never });
  return { user, project, actor, a, b };
}

/** Writes one hour of usage the way metering does: the hourly row and its day's rollup, together. */
async function record(projectId: string, keyId: string, hour: string, units: number, extra: { requests?: number; refused?: number } = {}) {
  const counts = { units, requests: extra.requests ?? units, refusedQuota: extra.refused ?? 0 };
  const day = new Date(`${hour.slice(0, 10)}T00:00:00Z`);
  await db.$transaction([
    db.usageHourly.create({ data: { projectId, keyId, hour: new Date(hour), environment: "live", ...counts } }),
    db.usageDaily.upsert({
      where: { keyId_day: { keyId, day } },
      create: { projectId, keyId, day, environment: "live", ...counts },
      update: {
        units: { increment: counts.units },
        requests: { increment: counts.requests },
        refusedQuota: { increment: counts.refusedQuota },
      },
    }),
  ]);
}

afterAll(async () => {
  await db.$disconnect();
});

describe("usageSeries", () => {
  it("buckets the last 24 hours by hour, including the current hour, and sums exactly", async () => {
    const { user, project, a, b } = await setup();
    const now = new Date("2026-03-10T12:34:00Z");
    await record(project.id, a.id, "2026-03-10T12:00:00Z", 5); // current hour: in
    await record(project.id, a.id, "2026-03-09T13:00:00Z", 7); // first bucket: in
    await record(project.id, b.id, "2026-03-09T13:00:00Z", 2, { refused: 3 });
    await record(project.id, a.id, "2026-03-09T12:00:00Z", 100); // 24 h ago: out
    const series = await usageSeries({ userId: user.id, projectId: project.id, range: "24h", tz: "UTC", now });
    expect(series.bucket).toBe("hour");
    expect(series.buckets).toHaveLength(24);
    expect(series.from).toBe("2026-03-09T13:00:00.000Z");
    expect(series.to).toBe("2026-03-10T13:00:00.000Z");
    expect(series.buckets[0]).toEqual({ start: "2026-03-09T13:00:00.000Z", units: { [a.id]: 7, [b.id]: 2 }, requests: 9, refused: 3 });
    expect(series.buckets[23]!.units).toEqual({ [a.id]: 5 });
    expect(series.totals).toEqual({ units: 14, requests: 14, refused: 3 });
    expect(series.keys.map((k) => [k.name, k.units])).toEqual([
      ["alpha", 12],
      ["beta", 2],
    ]);
  });

  it("buckets days by UTC day, whatever the reader's zone, reading the daily rollups", async () => {
    const { user, project, a } = await setup();
    const now = new Date("2026-03-10T12:00:00Z");
    await record(project.id, a.id, "2026-03-09T23:00:00Z", 4);
    await record(project.id, a.id, "2026-03-10T00:00:00Z", 6);
    await record(project.id, a.id, "2026-03-03T23:00:00Z", 50); // the day before the 7-day range: out
    for (const tz of ["UTC", "America/New_York", "Asia/Kolkata"]) {
      const series = await usageSeries({ userId: user.id, projectId: project.id, range: "7d", tz, now });
      expect(series.timeZone).toBe(tz);
      expect(series.buckets.map((b) => b.start.slice(0, 10))).toEqual(["2026-03-04", "2026-03-05", "2026-03-06", "2026-03-07", "2026-03-08", "2026-03-09", "2026-03-10"]);
      expect(series.buckets.at(-1)).toMatchObject({ start: "2026-03-10T00:00:00.000Z", units: { [a.id]: 6 } });
      expect(series.buckets.at(-2)).toMatchObject({ units: { [a.id]: 4 } });
      expect(series.totals.units).toBe(10);
    }
  });

  it("labels the 24 hourly buckets in zones whose offset is not whole hours without moving them", async () => {
    const { user, project, a } = await setup();
    const now = new Date("2026-03-10T12:30:00Z");
    await record(project.id, a.id, "2026-03-10T12:00:00Z", 2);
    const series = await usageSeries({ userId: user.id, projectId: project.id, range: "24h", tz: "Asia/Kolkata", now });
    expect(series.buckets.at(-1)).toMatchObject({ start: "2026-03-10T12:00:00.000Z", units: { [a.id]: 2 } });
  });

  it("returns every bucket, empty, for a range without usage", async () => {
    const { user, project } = await setup();
    const series = await usageSeries({ userId: user.id, projectId: project.id, range: "90d", tz: "Europe/Berlin" });
    expect(series.buckets).toHaveLength(90);
    expect(series.buckets.every((b) => b.requests === 0 && Object.keys(b.units).length === 0)).toBe(true);
    expect(series.keys).toEqual([]);
    expect(series.totals).toEqual({ units: 0, requests: 0, refused: 0 });
  });

  it("keeps the usage of a key revoked mid-range, marked as revoked", async () => {
    const { user, project, actor, a } = await setup();
    const now = new Date();
    const hour = new Date(Math.floor(now.getTime() / H) * H - 2 * H).toISOString();
    await record(project.id, a.id, hour, 9);
    await revokeKey({ ...actor, keyId: a.id });
    const series = await usageSeries({ userId: user.id, projectId: project.id, range: "24h", tz: "UTC", now });
    expect(series.keys).toMatchObject([{ keyId: a.id, revoked: true, units: 9 }]);
    expect(series.keys[0]!.trend.reduce((x, y) => x + y, 0)).toBe(9);
  });

  it("shows one key's units and refusals when filtered, offers every key of the project, and ignores a key it does not have", async () => {
    const { user, project, actor, a, b } = await setup();
    const now = new Date("2026-03-10T12:34:00Z");
    await record(project.id, a.id, "2026-03-10T10:00:00Z", 5, { refused: 1 });
    await record(project.id, b.id, "2026-03-10T10:00:00Z", 2, { refused: 4 });
    const unused = await createKey({ ...actor, name: "gamma", environment: "live", expiry: never });
    const one = await usageSeries({ userId: user.id, projectId: project.id, range: "24h", tz: "UTC", keyId: b.id, now });
    expect(one.keyId).toBe(b.id);
    expect(one.keys.map((k) => k.keyId)).toEqual([b.id]);
    expect(one.totals).toEqual({ units: 2, requests: 2, refused: 4 });
    expect(one.buckets.at(-3)).toMatchObject({ units: { [b.id]: 2 }, refused: 4 });
    expect(one.keyOptions.map((k) => [k.name, k.keyId])).toEqual([
      ["alpha", a.id],
      ["beta", b.id],
      ["gamma", unused.id],
    ]);

    const elsewhere = await setup();
    for (const keyId of [elsewhere.a.id, "no-such-key"]) {
      const all = await usageSeries({ userId: user.id, projectId: project.id, range: "24h", tz: "UTC", keyId, now });
      expect(all.keyId).toBeNull();
      expect(all.totals).toEqual({ units: 7, requests: 7, refused: 5 });
    }
  });

  it("is not found for a stranger", async () => {
    const { project } = await setup();
    const stranger = await createUser();
    const error = await usageSeries({ userId: stranger.id, projectId: project.id, range: "7d", tz: "UTC" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("not_found");
  });
});

describe("usageSummary", () => {
  it("reports the period's quota use, today's requests and refusals, and active keys", async () => {
    const { user, project, actor, a } = await setup();
    const now = new Date();
    const periodStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
    await db.projectUsage.createMany({
      data: [
        { projectId: project.id, periodStart, environment: "live", units: 800 },
        { projectId: project.id, periodStart, environment: "test", units: 50 },
      ],
    });
    const thisHour = new Date(Math.floor(now.getTime() / H) * H).toISOString();
    await record(project.id, a.id, thisHour, 3, { requests: 4, refused: 2 });
    const third = await createKey({ ...actor, name: "gamma", environment: "live", expiry: never });
    await revokeKey({ ...actor, keyId: third.id });

    const summary = await usageSummary({ userId: user.id, projectId: project.id, timeZone: "UTC", now });
    expect(summary.quota).toMatchObject({ used: 850, limit: 1000, percent: 85 });
    expect(summary.quota.periodStart).toBe(periodStart.toISOString());
    expect(summary.today).toMatchObject({ requests: 4, units: 3, refusedLimited: 2, refusedUnauthorized: 0 });
    expect(summary.activeKeys).toBe(2);

    // A separate test-key quota takes test usage out of the project's.
    await db.project.update({ where: { id: project.id }, data: { testMonthlyUnits: 500 } });
    const separate = await usageSummary({ userId: user.id, projectId: project.id, timeZone: "UTC", now });
    expect(separate.quota.used).toBe(800);
  });
});

describe("onboarding facts", () => {
  it("follow a project from no key to a call that reached Keydeck to one that was counted", async () => {
    const user = await createUser();
    const project = await createProject({ userId: user.id, ip, name: "Fresh" });
    const none = { keyCreated: false, callMade: false, callCounted: false };
    expect(await onboardingFacts(project.id)).toEqual(none);
    expect((await usageSummary({ userId: user.id, projectId: project.id, timeZone: "UTC" })).onboarding).toEqual(none);

    const key = await createKey({ userId: user.id, ip, projectId: project.id, name: "first", environment: "test", expiry: never });
    expect(await onboardingFacts(project.id)).toEqual({ ...none, keyCreated: true });

    // Refused calls reached Keydeck, but nothing was counted yet.
    await record(project.id, key.id, "2026-03-09T10:00:00Z", 0, { requests: 0, refused: 2 });
    expect(await onboardingFacts(project.id)).toEqual({ keyCreated: true, callMade: true, callCounted: false });

    await record(project.id, key.id, "2026-03-09T11:00:00Z", 1);
    expect(await onboardingFacts(project.id)).toEqual({ keyCreated: true, callMade: true, callCounted: true });

    // Done stays done: a revoked key still counts as created.
    await revokeKey({ userId: user.id, ip, projectId: project.id, keyId: key.id });
    expect((await onboardingFacts(project.id)).keyCreated).toBe(true);
  });
});
