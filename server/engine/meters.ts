import "server-only";
import type { KeyEnvironment } from "../../lib/keys/format";
import type { Period } from "../../lib/plans/period";
import type { KeyRecord } from "./types";

export type EnvUnits = Record<KeyEnvironment, number>;

const zero = (): EnvUnits => ({ live: 0, test: 0, sandbox: 0 });

/**
 * A project's units in one quota period, as this instance knows them: `base`
 * is what the database held at the last refresh (every instance's flushed
 * units), `unflushed` what this instance has counted since and not yet
 * written. Checks and increments are synchronous, so on one instance the
 * quota is exact however many requests run at once.
 */
export class ProjectMeter {
  readonly base: EnvUnits = zero();
  readonly unflushed: EnvUnits = zero();
  lastUsedAt = 0;
  evicted = false;

  constructor(
    readonly projectId: string,
    readonly period: Period,
  ) {}

  units(environment: KeyEnvironment): number {
    return this.base[environment] + this.unflushed[environment];
  }

  total(): number {
    return this.units("live") + this.units("test") + this.units("sandbox");
  }
}

/** Lifetime units of a key with a cap (sandbox keys), kept the same way. */
export class KeyMeter {
  base = 0;
  unflushed = 0;
  lastUsedAt = 0;
  evicted = false;

  constructor(readonly keyId: string) {}

  get used(): number {
    return this.base + this.unflushed;
  }
}

/**
 * A key's credits spent in one credit period under one version of its
 * credits setting (a dashboard change starts a new version), kept like the
 * others: `base` from the database (every instance's flushed units),
 * `unflushed` what this instance counted since. The flusher writes
 * `unflushed` itself (not through the usage entries), so a key whose credits
 * were switched on mid-hour is counted from its first charged request.
 */
export class CreditMeter {
  base = 0;
  unflushed = 0;
  lastUsedAt = 0;
  evicted = false;

  constructor(
    readonly keyId: string,
    readonly version: number,
    readonly periodStart: number,
  ) {}

  get used(): number {
    return this.base + this.unflushed;
  }
}

/** The limit a request of this key is checked against. */
export function quotaLimit(record: KeyRecord): number {
  const { limits, environment } = record;
  return environment === "test" && limits.testMonthlyUnits !== null ? limits.testMonthlyUnits : limits.monthlyUnits;
}

/** The units that count against that limit: the whole project's, unless test keys have a quota of their own. */
export function quotaUsed(record: KeyRecord, meter: ProjectMeter): number {
  if (record.limits.testMonthlyUnits === null) return meter.total();
  return record.environment === "test" ? meter.units("test") : meter.units("live") + meter.units("sandbox");
}

const meterId = (projectId: string, periodStart: number) => `${projectId} ${periodStart}`;
const creditMeterId = (keyId: string, version: number, periodStart: number) => `${keyId} ${version} ${periodStart}`;

export class Meters {
  readonly projects = new Map<string, ProjectMeter>();
  readonly keys = new Map<string, KeyMeter>();
  readonly credits = new Map<string, CreditMeter>();

  /** The project's meter for the period; a new one starts from `seed` (the database's units, from the lookup). */
  project(projectId: string, period: Period, seed?: Partial<EnvUnits>): ProjectMeter {
    const id = meterId(projectId, period.start);
    let meter = this.projects.get(id);
    if (!meter) {
      meter = new ProjectMeter(projectId, period);
      if (seed) Object.assign(meter.base, seed);
      this.projects.set(id, meter);
    }
    return meter;
  }

  key(keyId: string, seed = 0): KeyMeter {
    let meter = this.keys.get(keyId);
    if (!meter) {
      meter = new KeyMeter(keyId);
      meter.base = seed;
      this.keys.set(keyId, meter);
    }
    return meter;
  }

  /** A key's credit meter for one version and period; a new one starts from `seed` (the database's count, or 0 for a refilled period). */
  credit(keyId: string, version: number, periodStart: number, seed = 0): CreditMeter {
    const id = creditMeterId(keyId, version, periodStart);
    let meter = this.credits.get(id);
    if (!meter) {
      meter = new CreditMeter(keyId, version, periodStart);
      meter.base = seed;
      this.credits.set(id, meter);
    }
    return meter;
  }

  findCredit(keyId: string, version: number, periodStart: number): CreditMeter | undefined {
    return this.credits.get(creditMeterId(keyId, version, periodStart));
  }

  findProject(projectId: string, periodStart: number): ProjectMeter | undefined {
    return this.projects.get(meterId(projectId, periodStart));
  }

  /** A deleted project: its meters go (units of its keys are no longer written either). */
  dropProject(projectId: string): void {
    for (const [id, meter] of this.projects) {
      if (meter.projectId === projectId) {
        meter.evicted = true;
        this.projects.delete(id);
      }
    }
  }

  /**
   * Meters unused since `before` with nothing left to write. Their projects'
   * keys must leave the key cache with them (a cached key always has a meter
   * that started from the database), so the ids are returned.
   */
  evictIdle(before: number): { projectIds: Set<string>; keyIds: string[] } {
    const projectIds = new Set<string>();
    const keyIds: string[] = [];
    for (const [id, meter] of this.projects) {
      const pending = meter.unflushed.live + meter.unflushed.test + meter.unflushed.sandbox;
      if (meter.lastUsedAt < before && pending === 0) {
        meter.evicted = true;
        this.projects.delete(id);
        projectIds.add(meter.projectId);
      }
    }
    for (const [id, meter] of this.keys) {
      if (meter.lastUsedAt < before && meter.unflushed === 0) {
        meter.evicted = true;
        this.keys.delete(id);
        keyIds.push(id);
      }
    }
    for (const [id, meter] of this.credits) {
      if (meter.lastUsedAt < before && meter.unflushed === 0) {
        meter.evicted = true;
        this.credits.delete(id);
        keyIds.push(meter.keyId);
      }
    }
    return { projectIds, keyIds };
  }
}
