import { db, type DbClient } from "../db";
import { requireProjectAccess } from "../projects/access";

export type EmbedSecretSummary = { id: string; hint: string; createdAt: string; expiresAt: string | null };

/** What the Embed tab shows. Never a secret's plaintext: only hints. */
export type EmbedSettings = {
  enabled: boolean;
  publishableKey: string | null;
  origins: string[];
  /** Secrets that still verify tokens: the current one (no expiry) first, then any in a rotation's overlap. */
  secrets: EmbedSecretSummary[];
};

/** Signing secrets that still verify tokens: the current one, and any in a rotation's overlap. */
export function liveSecretWhere(now: Date) {
  return { OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] };
}

/** Settings of a project whose access the caller has checked. */
export async function readEmbedSettings(client: DbClient, projectId: string, now = new Date()): Promise<EmbedSettings> {
  const project = await client.project.findUniqueOrThrow({
    where: { id: projectId },
    select: {
      embedEnabled: true,
      publishableKey: true,
      embedOrigins: true,
      embedSecrets: {
        where: liveSecretWhere(now),
        orderBy: { createdAt: "desc" },
        select: { id: true, hint: true, createdAt: true, expiresAt: true },
      },
    },
  });
  return {
    enabled: project.embedEnabled,
    publishableKey: project.publishableKey,
    origins: project.embedOrigins,
    secrets: project.embedSecrets
      .map((s) => ({ id: s.id, hint: s.hint, createdAt: s.createdAt.toISOString(), expiresAt: s.expiresAt?.toISOString() ?? null }))
      .sort((a, b) => (a.expiresAt === null ? -1 : b.expiresAt === null ? 1 : b.expiresAt.localeCompare(a.expiresAt))),
  };
}

export async function embedSettings({ userId, projectId }: { userId: string; projectId: string }): Promise<EmbedSettings> {
  await requireProjectAccess({ userId, projectId, permission: "project:read" });
  return readEmbedSettings(db, projectId);
}
