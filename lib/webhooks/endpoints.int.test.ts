import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createProject } from "@/lib/projects/mutations";
import { appErrorCode, createUser, snapshot } from "@/tests/integration/factories";
import { createWebhookEndpoint, deleteWebhookEndpoint, rotateWebhookSecret, setWebhookEndpointEnabled, updateWebhookEndpoint } from "./endpoints";
import { listWebhookEndpoints } from "./read";
import { openWebhookSecret } from "./signing";
import { MAX_ENDPOINTS } from "./schemas";

const ENCRYPTION_KEY = process.env.EMBED_ENCRYPTION_KEY ?? "keydeck-dev-only-embed-key-do-not-use-in-production";

async function owned() {
  const owner = await createUser("Endpoint Owner");
  const project = await createProject({ userId: owner.id, ip: null, name: "Endpoints" });
  return { userId: owner.id, ip: null, projectId: project.id };
}
const fields = { url: "https://hooks.example.com/keydeck", description: "ops", eventTypes: ["key.created", "quota.threshold"] };

describe("webhook endpoints", () => {
  it("are created once per request (idempotency key), their secret stored sealed and answered to repeats until confirmed", async () => {
    const actor = await owned();
    const idempotencyKey = randomUUID();
    const [a, b] = await Promise.all([createWebhookEndpoint({ ...actor, ...fields, idempotencyKey }), createWebhookEndpoint({ ...actor, ...fields, idempotencyKey })]);
    expect(b.endpoint.id).toBe(a.endpoint.id);
    expect(b.secret.plaintext).toBe(a.secret.plaintext);
    expect(await db.webhookEndpoint.count({ where: { projectId: actor.projectId } })).toBe(1);
    const row = await db.webhookSecret.findFirstOrThrow({ where: { endpointId: a.endpoint.id } });
    expect(row.sealed).not.toContain(a.secret.plaintext.slice(6));
    expect(openWebhookSecret(row.sealed, ENCRYPTION_KEY, { projectId: actor.projectId, secretId: row.id })).toBe(a.secret.plaintext);
    // The same key with other details is refused.
    expect(await appErrorCode(createWebhookEndpoint({ ...actor, ...fields, url: "https://other.example.com/x", idempotencyKey }))).toBe("conflict");
  });

  it("refuse URLs production would not call, changing nothing", async () => {
    const actor = await owned();
    const before = await snapshot();
    // The integration tests run with WEBHOOK_ALLOW_PRIVATE=1: only shapes are refused here (the production rules have unit tests).
    for (const url of ["not a url", "ftp://example.com/x", "https://user:pw@example.com/x"]) {
      expect(await appErrorCode(createWebhookEndpoint({ ...actor, ...fields, url }))).toBe("invalid_request");
    }
    expect(await snapshot()).toBe(before);
  });

  it(`are at most ${MAX_ENDPOINTS} per project`, async () => {
    const actor = await owned();
    for (let i = 0; i < MAX_ENDPOINTS; i++) await createWebhookEndpoint({ ...actor, ...fields, url: `https://hooks.example.com/${i}` });
    expect(await appErrorCode(createWebhookEndpoint({ ...actor, ...fields }))).toBe("limit_reached");
  });

  it("are changed, switched off and on, rotated and deleted only in their own project", async () => {
    const actor = await owned();
    const other = await owned();
    const { endpoint } = await createWebhookEndpoint({ ...actor, ...fields });
    const foreign = { ...other, endpointId: endpoint.id };
    expect(await appErrorCode(updateWebhookEndpoint({ ...foreign, ...fields }))).toBe("not_found");
    expect(await appErrorCode(setWebhookEndpointEnabled({ ...foreign, enabled: false }))).toBe("not_found");
    expect(await appErrorCode(deleteWebhookEndpoint(foreign))).toBe("not_found");

    const updated = await updateWebhookEndpoint({ ...actor, endpointId: endpoint.id, url: "https://hooks.example.com/v2", description: "", eventTypes: ["key.revoked"] });
    expect(updated).toMatchObject({ url: "https://hooks.example.com/v2", description: "", eventTypes: ["key.revoked"] });
    expect(await setWebhookEndpointEnabled({ ...actor, endpointId: endpoint.id, enabled: false })).toMatchObject({ enabled: false });
    const rotated = await rotateWebhookSecret({ ...actor, endpointId: endpoint.id, overlap: "24h" });
    expect(rotated.endpoint.secrets.map((s) => s.expiresAt === null)).toEqual([true, false]);
    const [listed] = await listWebhookEndpoints({ userId: actor.userId, projectId: actor.projectId });
    expect(JSON.stringify(listed)).not.toContain(rotated.secret.plaintext);
    await deleteWebhookEndpoint({ ...actor, endpointId: endpoint.id });
    expect(await db.webhookSecret.count({ where: { endpointId: endpoint.id } })).toBe(0);
    const actions = (await db.activityEvent.findMany({ where: { projectId: actor.projectId, action: { startsWith: "webhook." } }, orderBy: { createdAt: "asc" } })).map((a) => a.action);
    expect(actions).toEqual(["webhook.endpoint_created", "webhook.endpoint_updated", "webhook.endpoint_disabled", "webhook.secret_rotated", "webhook.endpoint_deleted"]);
  });
});
