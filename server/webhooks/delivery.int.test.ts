import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Webhook } from "standardwebhooks";
import { db } from "@/lib/db";
import { createProject } from "@/lib/projects/mutations";
import { createKey } from "@/lib/keys/mutations";
import { recordActivity } from "@/lib/activity/record";
import { createWebhookEndpoint, rotateWebhookSecret, setWebhookEndpointEnabled } from "@/lib/webhooks/endpoints";
import { resendWebhook, sendTestWebhook } from "@/lib/webhooks/deliveries";
import { createUser } from "@/tests/integration/factories";
import { startReceiver, type Received } from "@/tests/integration/webhook-receiver";
import { startWebhookWorker } from "./worker";
import { postWebhook } from "./post";

const ENCRYPTION_KEY = process.env.EMBED_ENCRYPTION_KEY ?? "keydeck-dev-only-embed-key-do-not-use-in-production";
const quiet = { info: () => {}, warn: () => {}, error: () => {} };
/** Retries in tenths of a second instead of tens of seconds. */
const FAST_RETRY = { baseMs: 400, maxMs: 5000, windowMs: 60_000 };

async function setup(answer?: Parameters<typeof startReceiver>[0], eventTypes = ["key.created"]) {
  const owner = await createUser("Webhook Owner");
  const project = await createProject({ userId: owner.id, ip: null, name: "Hooks" });
  const receiver = await startReceiver(answer);
  const actor = { userId: owner.id, ip: null, projectId: project.id };
  const created = await createWebhookEndpoint({ ...actor, url: receiver.url, description: "test receiver", eventTypes });
  return { owner, project, actor, receiver, endpoint: created.endpoint, secret: created.secret.plaintext };
}

function verified(secret: string, request: Received) {
  return new Webhook(secret).verify(request.body, request.headers as Record<string, string>) as { type: string; timestamp: string; data: Record<string, unknown> };
}

let worker: Awaited<ReturnType<typeof startWebhookWorker>> | null = null;
const startWorker = async (retry = FAST_RETRY) => {
  worker = await startWebhookWorker({ databaseUrl: process.env.DATABASE_URL!, encryptionKey: ENCRYPTION_KEY, allowPrivate: true, retry, pollIntervalMs: 100, expiryScan: false, log: quiet });
};
const stopWorker = async () => {
  await worker?.stop();
  worker = null;
};

describe("webhook delivery", () => {
  beforeAll(() => startWorker());
  afterAll(() => stopWorker());

  it("signs each event with the endpoint's secret (Standard Webhooks), its webhook-id being the event's id", async () => {
    const { actor, receiver, secret, project } = await setup();
    const key = await createKey({ ...actor, name: "billing", environment: "live", expiry: { kind: "never" } });
    const [request] = await receiver.waitFor(1);
    const message = verified(secret, request!);
    expect(message.type).toBe("key.created");
    expect(message.data).toMatchObject({ project_id: project.id, actor_id: actor.userId, key: { id: key.id, hint: key.hint, name: "billing", environment: "live" } });
    const event = await db.projectEvent.findFirstOrThrow({ where: { projectId: project.id, type: "key.created" } });
    expect(request!.headers["webhook-id"]).toBe(event.id);
    // Another secret does not verify it.
    expect(() => new Webhook(`whsec_${Buffer.alloc(32, 7).toString("base64")}`).verify(request!.body, request!.headers as Record<string, string>)).toThrow();
    await receiver.close();
  });

  it("writes no event for a change that rolls back", async () => {
    const { project, receiver, actor } = await setup();
    await expect(
      db.$transaction(async (tx) => {
        await recordActivity(tx, { projectId: project.id, actorId: actor.userId, action: "key.created", target: { type: "api_key", id: "k1", label: "kd_live_x" }, ip: null });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await db.projectEvent.count({ where: { projectId: project.id } })).toBe(0);
    expect(await db.webhookDelivery.count({ where: { projectId: project.id } })).toBe(0);
    await receiver.close();
  });

  it("retries a failing receiver with growing delays and the same webhook-id, until it accepts once", async () => {
    const { actor, receiver, secret, endpoint, project } = await setup((i) => (i < 2 ? 500 : 200));
    const sent = await sendTestWebhook({ ...actor, endpointId: endpoint.id });
    const requests = await receiver.waitFor(3);
    expect(requests.map((r) => r.headers["webhook-id"])).toEqual([sent.eventId, sent.eventId, sent.eventId]);
    for (const r of requests) expect(verified(secret, r).type).toBe("webhook.test");
    const [first, second, third] = requests.map((r) => r.at);
    expect(second! - first!).toBeGreaterThanOrEqual(FAST_RETRY.baseMs / 2 - 50);
    expect(third! - second!).toBeGreaterThan(second! - first!);
    // Nothing more arrives: the success removed the queued retry.
    await new Promise((resolve) => setTimeout(resolve, 2 * FAST_RETRY.baseMs * 2));
    expect(receiver.received).toHaveLength(3);
    const delivery = await db.webhookDelivery.findUniqueOrThrow({ where: { id: sent.deliveryId }, include: { attemptRows: { orderBy: { number: "asc" } } } });
    expect(delivery.status).toBe("succeeded");
    expect(delivery.attemptRows.map((a) => [a.number, a.statusCode])).toEqual([[1, 500], [2, 500], [3, 200]]);
    expect(delivery.attemptRows[0]!.responseBody).toBe("failed with 500");
    expect(delivery.attemptRows.every((a) => a.latencyMs !== null && a.finishedAt)).toBe(true);
    expect(await db.webhookDelivery.count({ where: { projectId: project.id } })).toBe(1);
    await receiver.close();
  });

  it("resends a delivery with the same webhook-id", async () => {
    const { actor, receiver, endpoint } = await setup();
    const sent = await sendTestWebhook({ ...actor, endpointId: endpoint.id });
    await receiver.waitFor(1);
    await resendWebhook({ ...actor, deliveryId: sent.deliveryId });
    const requests = await receiver.waitFor(2);
    expect(requests[1]!.headers["webhook-id"]).toBe(sent.eventId);
    const attempts = await db.webhookAttempt.findMany({ where: { deliveryId: sent.deliveryId }, orderBy: { number: "asc" } });
    expect(attempts.map((a) => a.trigger)).toEqual(["scheduled", "manual"]);
    await receiver.close();
  });

  it("signs with both the old and the new secret during a rotation's overlap", async () => {
    const { actor, receiver, endpoint, secret: oldSecret } = await setup();
    const rotated = await rotateWebhookSecret({ ...actor, endpointId: endpoint.id, overlap: "1h" });
    await sendTestWebhook({ ...actor, endpointId: endpoint.id });
    const [request] = await receiver.waitFor(1);
    expect(String(request!.headers["webhook-signature"]).split(" ")).toHaveLength(2);
    expect(verified(oldSecret, request!).type).toBe("webhook.test");
    expect(verified(rotated.secret.plaintext, request!).type).toBe("webhook.test");
    // "now" ends the old ones at once: one signature, the newest secret's.
    const again = await rotateWebhookSecret({ ...actor, endpointId: endpoint.id, overlap: "now" });
    await sendTestWebhook({ ...actor, endpointId: endpoint.id });
    const [, latest] = await receiver.waitFor(2);
    expect(String(latest!.headers["webhook-signature"]).split(" ")).toHaveLength(1);
    expect(verified(again.secret.plaintext, latest!).type).toBe("webhook.test");
    expect(() => verified(rotated.secret.plaintext, latest!)).toThrow();
    await receiver.close();
  });

  it("disables an endpoint that failed for the whole retry window, and says why", async () => {
    await stopWorker();
    await startWorker({ baseMs: 200, maxMs: 400, windowMs: 1500 });
    try {
      const { actor, receiver, endpoint } = await setup(() => 503);
      const sent = await sendTestWebhook({ ...actor, endpointId: endpoint.id });
      await expect.poll(async () => (await db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).enabled, { timeout: 15_000 }).toBe(false);
      const disabled = await db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
      expect(disabled.disabledReason).toMatch(/failed .* \(last answer: HTTP 503\)/);
      await expect.poll(async () => (await db.webhookDelivery.findUniqueOrThrow({ where: { id: sent.deliveryId } })).status, { timeout: 10_000 }).toBe("failed");
      // Enabling it again starts clean.
      const enabled = await setWebhookEndpointEnabled({ ...actor, endpointId: endpoint.id, enabled: true });
      expect(enabled).toMatchObject({ enabled: true, disabledReason: null, failingSince: null });
      await receiver.close();
    } finally {
      await stopWorker();
      await startWorker();
    }
  });

  it("delivers an event whose worker was killed mid-request once a worker runs again, with the same webhook-id", async () => {
    await stopWorker();
    const { actor, receiver, endpoint } = await setup((i) => (i === 0 ? "hang" : 200));
    const env: NodeJS.ProcessEnv = { ...process.env, WEBHOOK_RETRY_BASE_MS: "1000", WEBHOOK_POLL_MS: "100", WEBHOOK_ALLOW_PRIVATE: "1", NODE_ENV: "test" };
    const spawnWorker = () => spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "server/worker.ts"], { env, stdio: "ignore" });
    const first = spawnWorker();
    try {
      const sent = await sendTestWebhook({ ...actor, endpointId: endpoint.id });
      const [hung] = await receiver.waitFor(1, 30_000);
      first.kill("SIGKILL");
      await new Promise((resolve) => first.once("exit", resolve));
      const second = spawnWorker();
      try {
        const requests = await receiver.waitFor(2, 30_000);
        expect(hung!.headers["webhook-id"]).toBe(sent.eventId);
        expect(requests[1]!.headers["webhook-id"]).toBe(sent.eventId);
        await expect.poll(async () => (await db.webhookDelivery.findUniqueOrThrow({ where: { id: sent.deliveryId } })).status, { timeout: 10_000 }).toBe("succeeded");
        const attempts = await db.webhookAttempt.findMany({ where: { deliveryId: sent.deliveryId }, orderBy: { number: "asc" } });
        // The cut attempt stays in the log without an outcome.
        expect(attempts.map((a) => a.statusCode)).toEqual([null, 200]);
      } finally {
        second.kill("SIGTERM");
        await new Promise((resolve) => second.once("exit", resolve));
      }
    } finally {
      if (first.exitCode === null && first.signalCode === null) first.kill("SIGKILL");
      await receiver.close();
      await startWorker();
    }
  });
});

describe("SSRF guard (production mode: WEBHOOK_ALLOW_PRIVATE unset)", () => {
  it("refuses loopback, private and metadata addresses, also when a name resolves to one", async () => {
    const receiver = await startReceiver();
    const port = new URL(receiver.url).port;
    for (const url of [receiver.url, `http://localhost:${port}/hooks`, "http://169.254.169.254/latest/meta-data", "http://10.0.0.1/x", "http://[::1]:1/x", "http://[::ffff:127.0.0.1]:1/x"]) {
      const result = await postWebhook(url, {}, "{}", { allowPrivate: false, timeoutMs: 2000 });
      expect(result.status, url).toBeNull();
      expect(result.error, url).toMatch(/^Refused to connect to .*public addresses only/);
    }
    expect(receiver.received).toHaveLength(0);
    // The same receiver is reached when private addresses are allowed (development, tests).
    expect((await postWebhook(receiver.url, {}, "{}", { allowPrivate: true })).status).toBe(200);
    await receiver.close();
  });

  it("does not follow redirects and keeps only the first 2 KiB of an answer", async () => {
    const http = await import("node:http");
    const server = http.createServer((req, res) => {
      if (req.url === "/redirect") res.writeHead(307, { location: "/elsewhere" }).end();
      else res.writeHead(200).end("x".repeat(10_000));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const base = `http://127.0.0.1:${(server.address() as import("node:net").AddressInfo).port}`;
    const redirect = await postWebhook(`${base}/redirect`, {}, "{}", { allowPrivate: true });
    expect(redirect).toMatchObject({ status: 307, error: expect.stringMatching(/Redirects are not followed/) });
    const long = await postWebhook(`${base}/long`, {}, "{}", { allowPrivate: true });
    expect(long.body).toHaveLength(2048);
    server.close();
  });
});
