import type { DbClient } from "../db";
import { isLegacySealed, openLegacySecret, sealSecret } from "./secret-box";

/**
 * Re-seals every signing secret still in the v1 format (no associated data)
 * as v2 (its project and secret ids as associated data). Idempotent, and
 * safe while the servers run: each row is rewritten only if it still holds
 * the value that was read. Returns how many rows were re-sealed.
 */
export async function resealLegacySecrets(client: DbClient, encryptionKey: string): Promise<number> {
  const rows = await client.embedSigningSecret.findMany({ where: { sealed: { startsWith: "v1." } }, select: { id: true, projectId: true, sealed: true } });
  let resealed = 0;
  for (const row of rows.filter((r) => isLegacySealed(r.sealed))) {
    const plaintext = openLegacySecret(row.sealed, encryptionKey);
    const { count } = await client.embedSigningSecret.updateMany({
      where: { id: row.id, sealed: row.sealed },
      data: { sealed: sealSecret(plaintext, encryptionKey, { projectId: row.projectId, secretId: row.id }) },
    });
    resealed += count;
  }
  return resealed;
}
