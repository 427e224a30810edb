import { db } from "../db";
import { AppError } from "../errors";
import { requireProjectAccess } from "../projects/access";
import { isRowId } from "../row-id";
import { handleLeakedHashes } from "./leaks";

type Actor = { userId: string; ip: string | null };

/** What the keys list and the key's page say of a leak: the latest one of each key. */
export type KeyLeakSummary = { foundAt: string; url: string; source: string; action: string };

/**
 * "Report leaked" from the key's menu: any member who can see the key, since
 * stopping a leak must not wait for an admin. The project's policy applies as
 * for a scanner's report; a second report of the key at the same address
 * changes nothing and returns the first.
 */
export async function reportKeyLeaked({ userId, ip, projectId, keyId, url }: Actor & { projectId: string; keyId: string; url: string }) {
  await requireProjectAccess({ userId, projectId, permission: "keys:read" });
  if (!isRowId(keyId)) throw new AppError("not_found");
  const key = await db.apiKey.findFirst({ where: { id: keyId, projectId }, select: { id: true, hash: true } });
  if (!key) throw new AppError("not_found");
  const { handled, receipt } = await handleLeakedHashes([{ hash: key.hash, url, source: "dashboard" }], { kind: "member", userId, ip }, { projectId });
  const leak = await db.keyLeak.findUniqueOrThrow({ where: { keyId_url: { keyId: key.id, url } } });
  return {
    keyId: key.id,
    alreadyReported: handled.length === 0,
    leak: { foundAt: leak.foundAt.toISOString(), url: leak.url, source: leak.source, action: leak.action },
    receipt,
  };
}

/** The latest leak of each of these keys of the project. */
export async function latestLeaks(projectId: string, keyIds: readonly string[]): Promise<Map<string, KeyLeakSummary>> {
  if (!keyIds.length) return new Map();
  const rows = await db.keyLeak.findMany({
    where: { projectId, keyId: { in: [...keyIds] } },
    orderBy: { foundAt: "desc" },
    distinct: ["keyId"],
    select: { keyId: true, foundAt: true, url: true, source: true, action: true },
  });
  return new Map(rows.map((row) => [row.keyId, { foundAt: row.foundAt.toISOString(), url: row.url, source: row.source, action: row.action }]));
}
