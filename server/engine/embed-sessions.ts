import "server-only";
import type { ApiDatabase } from "./database";
import type { EmbedSessionRequest } from "../../lib/embed/schemas";
import { openSecret } from "../../lib/embed/secret-box";
import { signEmbedToken } from "../../lib/embed/session-token";

export type IssuedEmbedSession = { sessionToken: string; expiresAt: number };

type Row = { embed_enabled: boolean; publishable_key: string | null; secret_id: string | null; sealed: string | null };

// Read at every request rather than from the key cache: switching embed mode
// off must refuse the very next session, on every instance.
const EMBED_STATE_SQL = `
SELECT p.embed_enabled, p.publishable_key, s.id AS secret_id, s.sealed
  FROM projects p
  LEFT JOIN LATERAL (SELECT id, sealed FROM embed_signing_secrets
                      WHERE project_id = p.id AND expires_at IS NULL
                      ORDER BY created_at DESC LIMIT 1) s ON true
 WHERE p.id = $1`;

/**
 * A session token for the project's embed, signed with its current signing
 * secret; null when embed mode is off (or was never set up).
 */
export async function issueEmbedSession(
  db: ApiDatabase,
  { projectId, request, encryptionKey, now }: { projectId: string; request: EmbedSessionRequest; encryptionKey: string; now: number },
): Promise<IssuedEmbedSession | null> {
  const { rows } = await db.query<Row>({ name: "keydeck_embed_state", text: EMBED_STATE_SQL, values: [projectId] });
  const row = rows[0];
  if (!row?.embed_enabled || !row.publishable_key || !row.sealed || !row.secret_id) return null;
  const secret = openSecret(row.sealed, encryptionKey, { projectId, secretId: row.secret_id });
  const { token, claims } = signEmbedToken(
    { projectId, publishableKey: row.publishable_key, externalUserId: request.external_user_id, ttlSeconds: request.ttl_seconds, now },
    secret,
  );
  return { sessionToken: token, expiresAt: claims.exp * 1000 };
}
