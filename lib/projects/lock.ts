import type { Tx } from "../db";

/**
 * Serialises writes that check and then change a project's state (its key
 * count, its first embed credentials) until the transaction ends.
 */
export async function lockProject(tx: Tx, projectId: string): Promise<void> {
  await tx.$queryRaw`SELECT id FROM projects WHERE id = ${projectId} FOR UPDATE`;
}
