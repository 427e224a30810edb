import "server-only";
import { randomUUID } from "node:crypto";
import { generateKey, hashKey, keyHint } from "../../lib/keys/format";
import type { ApiDatabase } from "./database";
import { SANDBOX_KEYS_PER_IP, SANDBOX_PROJECT_ID, SANDBOX_TTL_MS, SANDBOX_UNIT_CAP } from "../../lib/plans/plans";

export type SandboxMint =
  | { ok: true; apiKey: string; expiresAt: number; pagesRemaining: number }
  | { ok: false; retryAfterSeconds: number };

// Counting and inserting under a transaction-scoped advisory lock on the
// client makes the cap exact: 50 concurrent mints from one address give
// exactly 10 keys. Times are the database's, in UTC like Prisma's columns.
const LOCK = `SELECT pg_advisory_xact_lock(hashtextextended('keydeck sandbox mint ' || $1, 0))`;
const COUNT = `
SELECT count(*)::int AS minted, (extract(epoch FROM min(created_at)) * 1000)::float8 AS oldest_ms,
       (extract(epoch FROM now() AT TIME ZONE 'UTC') * 1000)::float8 AS now_ms
  FROM api_keys WHERE minted_ip = $1 AND created_at > (now() AT TIME ZONE 'UTC') - make_interval(secs => $2::float8 / 1000)`;
const INSERT = `
INSERT INTO api_keys (id, project_id, name, environment, hash, hint, created_at, expires_at, unit_cap, minted_ip)
VALUES ($1, $2, 'Sandbox key', 'sandbox', $3, $4, now() AT TIME ZONE 'UTC',
        (now() AT TIME ZONE 'UTC') + make_interval(secs => $5::float8 / 1000), $6, $7)
RETURNING (extract(epoch FROM expires_at) * 1000)::float8 AS expires_ms`;

/** An anonymous sandbox key for `client` (an address, or an IPv6 /64), unless it has minted its 10 in 24 hours. */
export async function mintSandboxKey(db: ApiDatabase, { client, keyPrefix }: { client: string; keyPrefix: string }): Promise<SandboxMint> {
  return db.transaction(async (tx) => {
    await tx.query(LOCK, [client]);
    const { rows } = await tx.query<{ minted: number; oldest_ms: number | null; now_ms: number }>(COUNT, [client, SANDBOX_TTL_MS]);
    const { minted, oldest_ms: oldest, now_ms: now } = rows[0]!;
    if (minted >= SANDBOX_KEYS_PER_IP) {
      return { ok: false as const, retryAfterSeconds: Math.max(1, Math.ceil(((oldest ?? now) + SANDBOX_TTL_MS - now) / 1000)) };
    }
    const apiKey = generateKey(keyPrefix, "sandbox");
    const inserted = await tx.query<{ expires_ms: number }>(INSERT, [
      randomUUID(),
      SANDBOX_PROJECT_ID,
      hashKey(apiKey),
      keyHint(apiKey),
      SANDBOX_TTL_MS,
      SANDBOX_UNIT_CAP,
      client,
    ]);
    return { ok: true as const, apiKey, expiresAt: inserted.rows[0]!.expires_ms, pagesRemaining: SANDBOX_UNIT_CAP };
  });
}
