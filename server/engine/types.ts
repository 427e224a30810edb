import "server-only";
import type { KeyEnvironment } from "../../lib/keys/format";
import type { CreditMeter, KeyMeter, ProjectMeter } from "./meters";
import type { IpAddress, IpAllowlist } from "../../lib/keys/ip-allowlist";
import type { PermissionQuery } from "../../lib/keys/permission-query";
import type { ProjectLimits } from "../../lib/plans/plans";
import type { UsageEntry } from "./usage-buffer";

/** What the verification path knows about one key: its row and its project's limits, never the plaintext. */
export type KeyRecord = {
  /** SHA-256 of the key as a binary string (lib/keys/digest.ts): the cache's index. */
  digest: string;
  id: string;
  projectId: string;
  environment: KeyEnvironment;
  /** Epoch ms, or null for a key that does not expire. */
  expiresAt: number | null;
  revoked: boolean;
  unitCap: number | null;
  limits: ProjectLimits;
  embedEnabled: boolean;
  policy: KeyPolicy;
  /** Hot-path shortcuts to this key's open usage entry and meters; in memory only. */
  hot: {
    usage?: UsageEntry;
    meter?: ProjectMeter;
    keyMeter?: KeyMeter;
    /** The credit meter of the period in use, its limit, and when that period ends (Infinity: no refill). */
    creditMeter?: CreditMeter;
    creditLimit?: number;
    creditEnd?: number;
  };
};

export type CreditRefill = { interval: "daily" | "monthly"; amount: number };

/** A key's credits as of its lookup: `granted` units for the period from `periodStart`, of which `used` were flushed. */
export type KeyCredits = { granted: number; used: number; periodStart: number; version: number; refill: CreditRefill | null };

/** What the key may do (issue 17), loaded with its row so verify does no query of its own. */
export type KeyPolicy = {
  /** The project's names the key holds, sorted (wildcards already expanded). */
  permissions: readonly string[];
  permissionSet: ReadonlySet<string>;
  allowlist: IpAllowlist | null;
  rateLimitRps: number | null;
  credits: KeyCredits | null;
};

export const NO_POLICY: KeyPolicy = { permissions: [], permissionSet: new Set(), allowlist: null, rateLimitRps: null, credits: null };

export type Quota = { limit: number; used: number; remaining: number; periodEnd: number };

export type CreditsState = { limit: number; remaining: number; refillsAt: number | null };

export type VerifiedKey = {
  valid: true;
  projectId: string;
  keyId: string;
  environment: KeyEnvironment;
  quota: Quota;
  embedEnabled: boolean;
  permissions: readonly string[];
  /** Only for a key with credits. */
  credits: CreditsState | null;
};

export type RefusalCode =
  | "missing_authorization"
  | "invalid_credentials"
  | "invalid_request"
  | "forbidden"
  | "wrong_environment"
  | "ip_not_allowed"
  | "insufficient_permissions"
  | "quota_exceeded"
  | "rate_limited"
  | "service_unavailable";

export type Refusal = {
  valid: false;
  code: RefusalCode;
  /** A sentence for the caller; the code's default when absent. */
  message?: string;
  retryAfterSeconds?: number;
  /** insufficient_permissions: the names the key lacks. */
  missingPermissions?: string[];
};

/** The one result every caller of the verification function gets. */
export type VerifyResult = VerifiedKey | Refusal;

/** Sync on a cache hit, a promise only when I/O was needed. */
export type MaybePromise<T> = T | Promise<T>;

export function isPromise<T>(value: MaybePromise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown } | null)?.then === "function";
}

export type VerifyOptions = {
  cost: number;
  endpoint: string | null;
  projectId: string | null;
  /** The key must be of this environment (`environment` in the body). */
  environment: KeyEnvironment | null;
  /** `client_ip`, parsed: the address the caller's API saw. */
  clientIp: IpAddress | null;
  /** `permissions`, parsed (and cached by its text). */
  permissions: PermissionQuery | null;
};
