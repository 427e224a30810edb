import { randomUUID } from "node:crypto";
import { expect } from "vitest";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";

/** A user as next-auth would create it on first sign-in. */
export async function createUser(name = "Test User") {
  const id = randomUUID();
  return db.user.create({ data: { name, email: `${id}@example.test` } });
}

/** A snapshot of every row that project actions can touch, to prove that nothing changed. */
export async function snapshot() {
  const [projects, memberships, activity, embedSecrets, apiKeys, invitations, groupLinks, idempotentRequests, events, webhookEndpoints, webhookSecrets, keyLeaks, leakReplacements, notificationCursors] = await Promise.all([
    db.project.findMany({ orderBy: { id: "asc" } }),
    // lastActiveAt is a trace of reading the project (lib/projects/access.ts), not a change.
    db.membership.findMany({ orderBy: { id: "asc" }, omit: { lastActiveAt: true } }),
    db.activityEvent.findMany({ orderBy: { id: "asc" } }),
    db.embedSigningSecret.findMany({ orderBy: { id: "asc" } }),
    db.apiKey.findMany({ orderBy: { id: "asc" } }),
    db.invitation.findMany({ orderBy: { id: "asc" } }),
    db.groupLink.findMany({ orderBy: { id: "asc" } }),
    // A refused create request rolls its claim back with everything else.
    db.idempotentRequest.findMany({ orderBy: { id: "asc" } }),
    db.projectEvent.findMany({ orderBy: { id: "asc" } }),
    db.webhookEndpoint.findMany({ orderBy: { id: "asc" } }),
    db.webhookSecret.findMany({ orderBy: { id: "asc" } }),
    db.keyLeak.findMany({ orderBy: { id: "asc" } }),
    db.leakReplacement.findMany({ orderBy: { id: "asc" } }),
    db.notificationCursor.findMany({ orderBy: [{ userId: "asc" }, { projectId: "asc" }] }),
  ]);
  return JSON.stringify({ projects, memberships, activity, embedSecrets, apiKeys, invitations, groupLinks, idempotentRequests, events, webhookEndpoints, webhookSecrets, keyLeaks, leakReplacements, notificationCursors });
}

/** The code of the AppError a call rejects with (and that it does reject). */
export async function appErrorCode(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return (error as AppError).code;
}
