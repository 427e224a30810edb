import { NO_POLICY, type KeyRecord } from "./types";

/** A valid live key of the default test plan, for tests of the engine's parts. */
export function keyRecordFixture(overrides: Partial<KeyRecord> & Pick<KeyRecord, "digest" | "id" | "projectId">): KeyRecord {
  return {
    environment: "live",
    expiresAt: null,
    revoked: false,
    unitCap: null,
    limits: { monthlyUnits: 1000, rps: 5, testMonthlyUnits: null },
    embedEnabled: false,
    policy: NO_POLICY,
    hot: {},
    ...overrides,
  };
}
