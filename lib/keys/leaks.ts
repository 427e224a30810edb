import type { ApiKey, LeakAction, LeakPolicy, PrismaClient } from "@prisma/client";
import { db, type Tx } from "../db";
import { AppError } from "../errors";
import { env } from "../env";
import { recordActivity } from "../activity/record";
import { sealValue } from "../embed/secret-box";
import { hashKey, parseKey } from "./format";
import { transactionInvalidating, type CacheChange } from "./invalidate";
import { insertKey } from "./mutations";
import { rotatedPolicy } from "./policy";

// A leaked key (issue 19), reported by GitHub's secret scanning, an
// operator's own scanner or a member, is handled by its project's policy:
// notify only, revoke at once (the default), or revoke and issue a
// replacement with the same policy. Each key and place it was found is
// handled once: a repeated report finds its key_leaks row and changes nothing.
// Revocation returns only once every API instance has dropped the key.

/** One token as a scanner reports it (GitHub's partner payload). */
export type LeakReport = { token: string; type: string; url: string; source: string };
export type LeakLabel = "true_positive" | "false_positive";
/** GitHub's feedback format; `token_hash` is the SHA-256 hex that api_keys.hash stores. */
export type LeakFeedback = { token_hash: string; token_type: string; label: LeakLabel };
export type LeakReporterRef = { kind: "github" | "scanner" } | { kind: "member"; userId: string; ip: string | null };

/** What one handled leak did; `replacementKeyId` when the policy issued one. */
export type HandledLeak = { leakId: string; keyId: string; projectId: string; url: string; action: LeakAction; replacementKeyId: string | null };

/** Thrown inside the transaction when a signed body was handled before: nothing of it is written again. */
export class ReplayedDelivery extends Error {
  constructor() {
    super("this signed body was already delivered");
  }
}

/** How long digests of handled bodies are kept to refuse replays (docs/SECURITY.md). */
export const DELIVERY_RETENTION_DAYS = 90;

type HandlingOptions = {
  /** The process's Prisma client: the dashboard's `db` unless the /api/v1 service passes its own. */
  client?: PrismaClient;
  /** The operator's KEY_PREFIX: a token with another prefix is not one of ours. */
  keyPrefix?: string;
  /** Seals a replacement's plaintext (EMBED_ENCRYPTION_KEY). */
  encryptionKey?: string;
  /** SHA-256 of the signed content, recorded in the same transaction so that a replay is refused. */
  deliveryDigest?: string;
};

type LeakedKey = ApiKey & { project: { leakPolicy: LeakPolicy }; rotatedTo: { id: string } | null };
type Finding = { key: LeakedKey; url: string; source: string };

const REPLACEMENT_CONTEXT = "keydeck leak replacement";
export const replacementSealContext = (projectId: string, keyId: string) => [REPLACEMENT_CONTEXT, projectId, keyId];

/**
 * Checks every token (format, checksum, the operator's prefix), looks the
 * well-formed ones up in one query by hash, handles each key found by its
 * project's policy, and answers GitHub's feedback in the order received.
 * Unknown and malformed tokens get the same `false_positive` as any other
 * miss, computed the same way, so the answer tells nothing about them.
 */
export async function handleLeakReports(reports: readonly LeakReport[], reporter: LeakReporterRef, options: HandlingOptions = {}) {
  const keyPrefix = options.keyPrefix ?? env().KEY_PREFIX;
  const checked = reports.map((report) => ({ report, hash: hashKey(report.token), ours: parseKey(report.token)?.prefix === keyPrefix }));
  const { found, handled } = await handleLeakedHashes(
    checked.filter((c) => c.ours).map(({ report, hash }) => ({ hash, url: report.url, source: report.source })),
    reporter,
    { ...options, keyPrefix },
  );
  const feedback: LeakFeedback[] = checked.map(({ report, hash }) => ({
    token_hash: hash,
    token_type: report.type,
    label: found.has(hash) ? "true_positive" : "false_positive",
  }));
  return { feedback, handled };
}

/** The keys of these hashes (one query), each handled by its project's policy, in one transaction. */
export async function handleLeakedHashes(
  sightings: readonly { hash: string; url: string; source: string }[],
  reporter: LeakReporterRef,
  options: HandlingOptions & { projectId?: string } = {},
) {
  const client = options.client ?? db;
  const keyPrefix = options.keyPrefix ?? env().KEY_PREFIX;
  const hashes = [...new Set(sightings.map((s) => s.hash))];
  return transactionInvalidating(async (tx, invalidate, keepReceiptIn) => {
    if (options.deliveryDigest) await recordDelivery(tx, options.deliveryDigest);
    // Ordered by id, as every batch locks them: two overlapping batches cannot deadlock.
    const keys = hashes.length
      ? await tx.apiKey.findMany({
          where: { hash: { in: hashes }, ...(options.projectId ? { projectId: options.projectId } : {}) },
          include: { project: { select: { leakPolicy: true } }, rotatedTo: { select: { id: true } } },
          orderBy: { id: "asc" },
        })
      : [];
    const byHash = new Map(keys.map((key) => [key.hash, key]));
    const findings = new Map<string, Finding>();
    for (const { hash, url, source } of sightings) {
      const key = byHash.get(hash);
      if (key) findings.set(`${key.id}\n${url}`, { key, url, source });
    }
    const ordered = [...findings.values()].sort((a, b) => (a.key.id < b.key.id ? -1 : a.key.id > b.key.id ? 1 : a.url < b.url ? -1 : 1));
    const handled: HandledLeak[] = [];
    const context = { invalidate, keepReceiptIn, keyPrefix, encryptionKey: options.encryptionKey ?? env().EMBED_ENCRYPTION_KEY };
    for (const finding of ordered) {
      const leak = await handleFinding(tx, finding, reporter, context);
      if (leak) handled.push(leak);
    }
    return { found: new Set(byHash.keys()), handled };
  }, client);
}

async function recordDelivery(tx: Tx, digest: string) {
  await tx.$executeRaw`DELETE FROM secret_scanning_deliveries WHERE received_at < now() - make_interval(days => ${DELIVERY_RETENTION_DAYS})`;
  // A concurrent identical body waits here for the first one's commit, then finds its row.
  const inserted = await tx.$executeRaw`INSERT INTO secret_scanning_deliveries (digest) VALUES (${digest}) ON CONFLICT DO NOTHING`;
  if (inserted === 0) throw new ReplayedDelivery();
}

type FindingContext = {
  invalidate: (change: CacheChange) => Promise<void>;
  keepReceiptIn: (activityId: string) => void;
  keyPrefix: string;
  encryptionKey: string;
};

async function handleFinding(tx: Tx, { key, url, source }: Finding, reporter: LeakReporterRef, context: FindingContext): Promise<HandledLeak | null> {
  // The unique (key, url) row makes a repeated report a no-op; a concurrent one waits for this commit, then finds it.
  const rows = await tx.$queryRaw<{ id: string }[]>`
    INSERT INTO key_leaks (id, key_id, project_id, url, source, reporter, reported_by_id, action)
    VALUES (${`leak_${crypto.randomUUID()}`}, ${key.id}, ${key.projectId}, ${url}, ${source}, ${reporter.kind}::"LeakReporter",
            ${reporter.kind === "member" ? reporter.userId : null}, 'notified'::"LeakAction")
    ON CONFLICT (key_id, url) DO NOTHING RETURNING id`;
  const leakId = rows[0]?.id;
  if (!leakId) return null;

  const policy = key.project.leakPolicy;
  let action: LeakAction = "notified";
  let replacement: { id: string; hint: string } | null = null;
  if (policy !== "notify") {
    const now = new Date();
    // Conditional: of two reports at other URLs, only the first revokes (and replaces).
    const revoked = await tx.apiKey.updateMany({ where: { id: key.id, revokedAt: null }, data: { revokedAt: now, revokedById: reporter.kind === "member" ? reporter.userId : null } });
    if (revoked.count === 0) action = "already_revoked";
    else {
      action = "revoked";
      await context.invalidate({ keyId: key.id, projectId: key.projectId, reason: "key_revoked" });
      // A key already rotated has its replacement; sandbox keys are never reissued.
      if (policy === "replace" && !key.rotatedTo && key.environment !== "sandbox") {
        replacement = await issueReplacement(tx, key, leakId, now, context);
        if (replacement) action = "replaced";
      }
    }
  }
  await tx.keyLeak.update({ where: { id: leakId }, data: { action, replacementKeyId: replacement?.id ?? null } });
  const activityId = await recordActivity(tx, {
    projectId: key.projectId,
    actorId: reporter.kind === "member" ? reporter.userId : null,
    action: "key.leaked",
    target: { type: "api_key", id: key.id, label: key.hint },
    ip: reporter.kind === "member" ? reporter.ip : null,
    metadata: {
      url,
      source,
      reported_by: reporter.kind,
      name: key.name,
      action,
      ...(replacement ? { replacementKeyId: replacement.id, replacementKeyHint: replacement.hint } : {}),
    },
  });
  if (action === "revoked" || action === "replaced") context.keepReceiptIn(activityId);
  return { leakId, keyId: key.id, projectId: key.projectId, url, action, replacementKeyId: replacement?.id ?? null };
}

/** Like a rotation with no overlap: same name, environment, lifetime and policy; the plaintext kept sealed for the next admin. */
async function issueReplacement(tx: Tx, key: LeakedKey, leakId: string, now: Date, context: FindingContext) {
  const lifetime = key.expiresAt ? key.expiresAt.getTime() - key.createdAt.getTime() : null;
  const issued = await insertKey(
    tx,
    {
      projectId: key.projectId,
      name: key.name,
      environment: key.environment,
      expiresAt: lifetime === null ? null : new Date(now.getTime() + lifetime),
      createdById: key.createdById,
      rotatedFromId: key.id,
    },
    rotatedPolicy(key, {}, now),
    now,
    context.keyPrefix,
  ).catch((error: unknown) => {
    // A policy that no longer holds (a permission name the project has since removed, a full project):
    // the leaked key is still revoked, and the leak says it was not replaced. The refusal is thrown
    // before any write, so the transaction goes on.
    if (error instanceof AppError) return null;
    throw error;
  });
  if (!issued) return null;
  await tx.leakReplacement.create({
    data: { projectId: key.projectId, keyId: issued.id, leakId, sealed: sealValue(issued.plaintext, context.encryptionKey, replacementSealContext(key.projectId, issued.id)) },
  });
  return { id: issued.id, hint: issued.hint };
}
