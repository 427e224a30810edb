import type { Plan } from "@prisma/client";

// The limits of each plan. Units are what `cost` adds up to in a quota
// period (a UTC calendar month); requests per second are per key.
export const PLAN_LIMITS = {
  free: { monthlyUnits: 1_000, rps: 5 },
  pro: { monthlyUnits: 100_000, rps: 50 },
} as const satisfies Record<Exclude<Plan, "custom">, { monthlyUnits: number; rps: number }>;

/** Units a sandbox key may use in its life, and how long it lives. */
export const SANDBOX_UNIT_CAP = 50;
export const SANDBOX_TTL_MS = 24 * 3600_000;
/** Sandbox keys one client address may mint in 24 hours. */
export const SANDBOX_KEYS_PER_IP = 10;
/** The built-in project that owns sandbox keys (created by the verification_api migration). */
export const SANDBOX_PROJECT_ID = "keydeck_sandbox";

export type ProjectLimits = {
  monthlyUnits: number;
  rps: number;
  /** A separate monthly quota for test keys; null = they share the project's. */
  testMonthlyUnits: number | null;
};

export type ProjectPlan = {
  plan: Plan;
  customMonthlyUnits: number | null;
  customRps: number | null;
  testMonthlyUnits: number | null;
};

/** A project's effective limits. A custom plan missing a value falls back to the free plan's, never to "unlimited". */
export function projectLimits({ plan, customMonthlyUnits, customRps, testMonthlyUnits }: ProjectPlan): ProjectLimits {
  const base = plan === "custom" ? PLAN_LIMITS.free : PLAN_LIMITS[plan];
  return {
    monthlyUnits: plan === "custom" ? (customMonthlyUnits ?? base.monthlyUnits) : base.monthlyUnits,
    rps: plan === "custom" ? (customRps ?? base.rps) : base.rps,
    testMonthlyUnits,
  };
}
