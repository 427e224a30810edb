import "server-only";
import type { ApiDatabase } from "./database";
import type { EmbedSessionRequest } from "../../lib/embed/schemas";
import { openSecret } from "../../lib/embed/secret-box";
import { signEmbedToken } from "../../lib/embed/session-token";

export type IssuedEmbedSession = { sessionToken: string; expiresAt: number };

type Row = { embed_enabled: boolean; publishable_key: string | null; sealed: string | null };

// Read at every request rather than from the key cache: switching embed mode
// off must refuse the very next session, on every instance.
const EMBED_STATE_SQL = `
SELECT p.embed_enabled, p.publishable_key,
       (SELECT s.sealed FROM embed_signing_secrets s
         WHERE s.project_id = p.id AND s.expires_at IS NULL
         ORDER BY s.created_at DESC LIMIT 1) AS sealed
  FROM projects p WHERE p.id = $1`;

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
  if (!row?.embed_enabled || !row.publishable_key || !row.sealed) return null;
  const secret = openSecret(row.sealed, encryptionKey);
  const { token, claims } = signEmbedToken(
    { projectId, publishableKey: row.publishable_key, externalUserId: request.external_user_id, ttlSeconds: request.ttl_seconds, now },
    secret,
  );
  return { sessionToken: token, expiresAt: claims.exp * 1000 };
}
