import type { ApiKey, CreditRefillInterval, Prisma } from "@prisma/client";
import { creditBalance, creditColumns, type CreditBalance, type CreditColumns } from "./credit-balance";
import { db, type Tx } from "../db";
import { AppError } from "../errors";
import { recordActivity } from "../activity/record";
import { creditPeriodOf } from "../plans/period";
import { requireProjectAccess } from "../projects/access";
import { isRowId } from "../row-id";
import { effectivePermissions } from "./permission-grants";
import { transactionInvalidating } from "./invalidate";
import { findWritableKey } from "./writable";
import type { KeyCreditsInput, KeyPolicyInput } from "./policy-schemas";

type Actor = { userId: string; ip: string | null };

// A key's policy (issue 17) as rows: what create, rotate and the key's
// detail page write. The verification API reads it with the key; a change to
// an existing key returns only once every API instance has dropped its cached
// record, with the same receipt as a revocation.

/** Exact names must be the project's; wildcards may also cover names defined later. */
async function assertProjectNames(tx: Tx, projectId: string, grants: readonly string[]) {
  const exact = grants.filter((grant) => !grant.includes("*"));
  if (!exact.length) return;
  const defined = await tx.projectPermission.findMany({ where: { projectId, name: { in: exact } }, select: { name: true } });
  const known = new Set(defined.map((row) => row.name));
  const unknown = exact.filter((name) => !known.has(name));
  if (unknown.length) {
    throw new AppError("invalid_request", `Not permissions of this project: ${unknown.join(", ")}. Define them in the project's permissions first.`);
  }
}

function creditsData(credits: KeyCreditsInput | null, now: Date) {
  if (credits === null) {
    return { creditsGranted: null, creditsUsed: 0, creditsPeriodStart: null, creditRefillInterval: null, creditRefillAmount: null };
  }
  // A refilling balance belongs to the current UTC day or month, so the next
  // refill comes at its end; a one-off balance starts now.
  const start = credits.refill ? creditPeriodOf(credits.refill.interval, now.getTime()).start : now.getTime();
  return {
    creditsGranted: credits.remaining,
    creditsUsed: 0,
    creditsPeriodStart: new Date(start),
    creditRefillInterval: credits.refill?.interval ?? null,
    creditRefillAmount: credits.refill?.amount ?? null,
  };
}

type PolicyColumns = {
  allPermissions?: boolean;
  permissions?: string[];
  ipAllowlist?: string[];
  rateLimitRps?: number | null;
  creditsGranted?: number | null;
  creditsUsed?: number;
  creditsPeriodStart?: Date | null;
  creditRefillInterval?: CreditRefillInterval | null;
  creditRefillAmount?: number | null;
};

/** The columns the given policy fields set (absent fields are left out). */
export async function policyData(tx: Tx, projectId: string, policy: KeyPolicyInput, now: Date): Promise<PolicyColumns> {
  const data: PolicyColumns = {};
  if (policy.permissions !== undefined) {
    if (policy.permissions !== null) await assertProjectNames(tx, projectId, policy.permissions);
    Object.assign(data, { allPermissions: policy.permissions === null, permissions: policy.permissions ?? [] });
  }
  if (policy.ipAllowlist !== undefined) data.ipAllowlist = policy.ipAllowlist;
  if (policy.rateLimitRps !== undefined) data.rateLimitRps = policy.rateLimitRps;
  if (policy.credits !== undefined) Object.assign(data, creditsData(policy.credits, now));
  return data;
}

/** What a rotation carries over: the credits left now, and the same refill. */
function creditsOf(key: CreditColumns, now: Date): KeyCreditsInput | null {
  const balance = creditBalance(key, now);
  return balance && { remaining: balance.remaining, refill: balance.refill };
}

/** The policy a rotation gives the new key: the old key's, with the fields given replacing its own. */
export function rotatedPolicy(old: ApiKey, overrides: KeyPolicyInput, now: Date): KeyPolicyInput {
  return {
    permissions: overrides.permissions !== undefined ? overrides.permissions : old.allPermissions ? null : old.permissions,
    ipAllowlist: overrides.ipAllowlist ?? old.ipAllowlist,
    rateLimitRps: overrides.rateLimitRps !== undefined ? overrides.rateLimitRps : old.rateLimitRps,
    credits: overrides.credits !== undefined ? overrides.credits : creditsOf(old, now),
  };
}

/** For the activity log: the fields changed, as they now are. */
function describePolicy(policy: KeyPolicyInput): Prisma.InputJsonObject {
  const described: Record<string, Prisma.InputJsonValue | null> = {};
  if (policy.permissions !== undefined) described.permissions = policy.permissions ?? "all";
  if (policy.ipAllowlist !== undefined) described.ipAllowlist = policy.ipAllowlist;
  if (policy.rateLimitRps !== undefined) described.rateLimitRps = policy.rateLimitRps;
  if (policy.credits !== undefined) described.credits = policy.credits;
  return described;
}

/**
 * Changes a key's policy. A new credits setting starts a new balance (and a
 * new version: spend in flight under the old setting no longer counts).
 */
export async function updateKeyPolicy({ userId, ip, projectId, keyId, ...policy }: Actor & KeyPolicyInput & { projectId: string; keyId: string }) {
  return transactionInvalidating(async (tx, invalidate, keepReceiptIn) => {
    const key = await findWritableKey(tx, { userId, projectId, keyId });
    if (key.revokedAt) throw new AppError("conflict", "This key is revoked: its policy can no longer change.");
    const data = await policyData(tx, projectId, policy, new Date());
    const version = policy.credits !== undefined ? { creditsVersion: { increment: 1 } } : {};
    await tx.apiKey.update({ where: { id: key.id }, data: { ...data, ...version } });
    await invalidate({ keyId: key.id, projectId, reason: "key_policy_changed" });
    const changes = describePolicy(policy);
    keepReceiptIn(
      await recordActivity(tx, {
        projectId,
        actorId: userId,
        action: "key.policy_updated",
        target: { type: "api_key", id: key.id, label: key.hint },
        ip,
        metadata: { name: key.name, changes },
      }),
    );
    return { id: key.id, changes };
  });
}

/** The name is the dashboard's only: the API does not read it, so nothing is invalidated. */
export async function renameKey({ userId, ip, projectId, keyId, name }: Actor & { projectId: string; keyId: string; name: string }) {
  return transactionInvalidating(async (tx) => {
    const key = await findWritableKey(tx, { userId, projectId, keyId });
    if (key.name === name) return { id: key.id, name };
    await tx.apiKey.update({ where: { id: key.id }, data: { name } });
    await recordActivity(tx, {
      projectId,
      actorId: userId,
      action: "key.renamed",
      target: { type: "api_key", id: key.id, label: key.hint },
      ip,
      metadata: { from: key.name, to: name },
    });
    return { id: key.id, name };
  });
}

/** What the key's page shows of its policy (the hash is never selected); credits as of the API's last flush (lib/keys/credit-balance.ts). */
export type KeyPolicySummary = {
  keyId: string;
  /** null: every permission the project defines. */
  permissions: string[] | null;
  /** The project's names the key holds now (wildcards expanded). */
  effectivePermissions: string[];
  ipAllowlist: string[];
  rateLimitRps: number | null;
  credits: CreditBalance | null;
};

export async function keyPolicy({ userId, projectId, keyId }: { userId: string; projectId: string; keyId: string }): Promise<KeyPolicySummary> {
  await requireProjectAccess({ userId, projectId, permission: "keys:read" });
  if (!isRowId(keyId)) throw new AppError("not_found");
  const [key, names] = await Promise.all([
    db.apiKey.findFirst({
      where: { id: keyId, projectId },
      select: {
        id: true,
        allPermissions: true,
        permissions: true,
        ipAllowlist: true,
        rateLimitRps: true,
        ...creditColumns,
      },
    }),
    db.projectPermission.findMany({ where: { projectId }, select: { name: true } }),
  ]);
  if (!key) throw new AppError("not_found");
  const grant = { all: key.allPermissions, grants: key.permissions };
  return {
    keyId: key.id,
    permissions: key.allPermissions ? null : key.permissions,
    effectivePermissions: effectivePermissions(
      names.map((row) => row.name),
      grant,
    ),
    ipAllowlist: key.ipAllowlist,
    rateLimitRps: key.rateLimitRps,
    credits: creditBalance(key, new Date()),
  };
}
