import { createHash, randomUUID } from "node:crypto";
import type { Prisma } from "@prisma/client";
import { db, type Tx } from "../db";
import { env } from "../env";
import { AppError, ERROR_CODES } from "../errors";
import { openValue, sealValue } from "../embed/secret-box";
import { REPEAT_WINDOW_MS } from "./schemas";

// A create action answers each request once. Its form sends an idempotency
// key; the action's transaction claims (user, action, key) with an insert
// before it writes anything, so of two requests at the same instant one
// claims and creates while the other waits on the unique index until the
// first commits, then answers with what the first stored. A refused request
// rolls its claim back with everything else. After REPEAT_WINDOW_MS the key
// starts a new request (the old row is taken over).
//
// No secret is stored in clear: the one-time secret of an answer (an API
// key's plaintext, a signing secret, an invitation link) is sealed under
// EMBED_ENCRYPTION_KEY, bound to its row, and deleted as soon as the user
// confirms they copied it (./confirm.ts), or with its row once the window has
// passed. A repeat after that confirmation is told "already created": a
// secret is never shown twice once someone said they have it.
//
// To make another create action repeatable: an `idempotencyKey` in its
// schema, `repeatable(shape, request).once(tx, write)` around its write, and
// `useIdempotentMutation` in its client hook.

/** How a create action's answer is kept: as JSON, with its one-time secret (if any) sealed apart. */
export type ResultShape<T> = {
  secretOf: (value: T) => string | null;
  withoutSecret: (value: T) => unknown;
  withSecret: (kept: unknown, secret: string | null) => T;
  /** What a repeat is told once the user has confirmed copying the secret. */
  alreadyCreated: string;
};

/** An answer with no secret in it. */
export function plainResult<T>(): ResultShape<T> {
  return { secretOf: () => null, withoutSecret: (value) => value, withSecret: (kept) => kept as T, alreadyCreated: ERROR_CODES.already_created.message };
}

/** An answer whose `field` is its one-time secret. */
export function secretInField<T extends Record<K, string>, K extends keyof T>(field: K, alreadyCreated: string): ResultShape<T> {
  return {
    secretOf: (value) => value[field],
    withoutSecret: (value) => {
      const kept: Partial<T> = { ...value };
      delete kept[field];
      return kept;
    },
    withSecret: (kept, secret) => ({ ...(kept as T), [field]: secret }),
    alreadyCreated,
  };
}

export type RepeatableRequest = {
  /** The action's name: keys are per user and action. */
  action: string;
  userId: string;
  /** Absent when the caller is not a form (scripts, tests): then nothing is kept. */
  idempotencyKey?: string;
  /** The request's details as validated, without the key: a repeat must have the same. */
  input: unknown;
};

export const DIFFERENT_DETAILS = "This request was already made with different details, so nothing was done. Reload the page and try again.";

// Longer than the slowest completion after a commit (the cache-invalidation
// wait gives up at 65 s); then a repeat answers with what was kept at commit.
const MAX_WAIT_MS = 70_000;
const WAIT_STEP_MS = 50;

const STORED = { id: true, inputHash: true, result: true, sealedSecret: true, revealConfirmedAt: true, finishedAt: true } as const;
/** The first request's row, as a repeat reads it. */
export type EarlierRequest = Prisma.IdempotentRequestGetPayload<{ select: typeof STORED }>;

/** Objects with sorted keys, so that the same details always hash the same. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.keys(value).sort().map((key) => [key, canonical((value as Record<string, unknown>)[key])]));
  }
  return value;
}

const hashOf = (input: unknown) => createHash("sha256").update(JSON.stringify(canonical(input))).digest("hex");

async function completed(stored: EarlierRequest): Promise<EarlierRequest> {
  const deadline = Date.now() + MAX_WAIT_MS;
  let current = stored;
  while (!current.finishedAt && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, WAIT_STEP_MS));
    const next = await db.idempotentRequest.findUnique({ where: { id: current.id }, select: STORED });
    if (!next) break;
    current = next;
  }
  return current;
}

/** One create request of one user: claim it in the action's transaction, keep its answer, or answer a repeat. */
export function repeatable<T>(shape: ResultShape<T>, { action, userId, idempotencyKey, input }: RepeatableRequest) {
  const inputHash = hashOf(input);
  const sealContext = (rowId: string) => ["keydeck one-time reveal", rowId, userId, action];
  let claimedId: string | null = null;

  /**
   * In the action's transaction, after its access check and before it
   * writes: null when this request is the first (go ahead and create), else
   * the first's row, for `replay`.
   */
  async function claim(tx: Tx): Promise<EarlierRequest | null> {
    if (!idempotencyKey) return null;
    const id = randomUUID();
    // An insert, not a read: a concurrent twin blocks here until this transaction ends.
    const claimed = await tx.$queryRaw<{ claimed: boolean }[]>`
      INSERT INTO idempotent_requests (id, user_id, action, idempotency_key, input_hash)
      VALUES (${id}::uuid, ${userId}, ${action}, ${idempotencyKey}::uuid, ${inputHash})
      ON CONFLICT (user_id, action, idempotency_key) DO UPDATE
         SET id = excluded.id, input_hash = excluded.input_hash, result = NULL, sealed_secret = NULL,
             reveal_confirmed_at = NULL, finished_at = NULL, created_at = excluded.created_at
       WHERE idempotent_requests.created_at <= now() - make_interval(secs => ${REPEAT_WINDOW_MS / 1000}::float8)
      RETURNING true AS claimed`;
    if (claimed.length) {
      claimedId = id;
      return null;
    }
    return tx.idempotentRequest.findUniqueOrThrow({ where: { userId_action_idempotencyKey: { userId, action, idempotencyKey } }, select: STORED });
  }

  /**
   * Stores the answer in the claiming transaction. `finished: false` when
   * the action completes it after the commit (`finish`): repeats wait for that.
   */
  async function keep(tx: Tx, value: T, { finished = true } = {}) {
    if (!claimedId) return;
    const secret = shape.secretOf(value);
    await tx.idempotentRequest.update({
      where: { id: claimedId },
      data: {
        result: shape.withoutSecret(value) as Prisma.InputJsonValue,
        sealedSecret: secret === null ? null : sealValue(secret, env().EMBED_ENCRYPTION_KEY, sealContext(claimedId)),
        finishedAt: finished ? new Date() : null,
      },
    });
  }

  /** The complete answer, after the commit. */
  async function finish(value: T) {
    if (!claimedId) return;
    // A failure here costs a concurrent repeat only its wait: it then answers with what was kept at commit.
    try {
      await db.idempotentRequest.update({ where: { id: claimedId }, data: { result: shape.withoutSecret(value) as Prisma.InputJsonValue, finishedAt: new Date() } });
    } catch (error) {
      console.error("could not store the complete answer of a create request", error);
    }
  }

  /** A repeat's answer: the first's, once complete. Call it outside the transaction when the first finishes after its commit. */
  async function replay(stored: EarlierRequest): Promise<T> {
    if (stored.inputHash !== inputHash) throw new AppError("conflict", DIFFERENT_DETAILS);
    const done = stored.finishedAt ? stored : await completed(stored);
    if (done.revealConfirmedAt) throw new AppError("already_created", shape.alreadyCreated);
    if (done.result === null) throw new Error(`idempotent request ${done.id} has no stored answer`);
    const secret = done.sealedSecret === null ? null : openValue(done.sealedSecret, env().EMBED_ENCRYPTION_KEY, sealContext(done.id));
    return shape.withSecret(done.result, secret);
  }

  /** The whole of it for an action whose answer is complete at commit: claim, then write and keep, or replay. */
  async function once(tx: Tx, write: () => Promise<T>): Promise<T> {
    const earlier = await claim(tx);
    if (earlier) return replay(earlier);
    const value = await write();
    await keep(tx, value);
    return value;
  }

  return { claim, keep, finish, replay, once };
}

