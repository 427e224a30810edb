import "server-only";
import type { KeyEnvironment } from "../../lib/keys/format";
import type { KeyMeter, ProjectMeter } from "./meters";
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
  /** Hot-path shortcuts to this key's open usage entry and meters; in memory only. */
  hot: { usage?: UsageEntry; meter?: ProjectMeter; keyMeter?: KeyMeter };
};

export type Quota = { limit: number; used: number; remaining: number; periodEnd: number };

export type VerifiedKey = {
  valid: true;
  projectId: string;
  keyId: string;
  environment: KeyEnvironment;
  quota: Quota;
  embedEnabled: boolean;
};

export type RefusalCode =
  | "missing_authorization"
  | "invalid_credentials"
  | "invalid_request"
  | "forbidden"
  | "quota_exceeded"
  | "rate_limited"
  | "service_unavailable";

export type Refusal = {
  valid: false;
  code: RefusalCode;
  /** A sentence for the caller; the code's default when absent. */
  message?: string;
  retryAfterSeconds?: number;
};

/** The one result every caller of the verification function gets. */
export type VerifyResult = VerifiedKey | Refusal;

/** Sync on a cache hit, a promise only when I/O was needed. */
export type MaybePromise<T> = T | Promise<T>;

export function isPromise<T>(value: MaybePromise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown } | null)?.then === "function";
}

export type VerifyOptions = { cost: number; endpoint: string | null; projectId: string | null };
