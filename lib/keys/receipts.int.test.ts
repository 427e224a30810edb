import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { revokeKey, rotateKey } from "@/lib/keys/mutations";
import { describeReceipt } from "@/lib/keys/receipt";
import { projectWithKey } from "@/tests/integration/api-harness";
import { spawnApi, type ApiProcess } from "@/tests/integration/api-process";

// Revocation receipts, against real API processes: the dashboard's change
// returns with who confirmed it, and the activity log keeps the same receipt.

const running: ApiProcess[] = [];
afterAll(async () => {
  for (const p of running) p.child.kill("SIGCONT");
  await Promise.all(running.map((p) => p.stop("SIGKILL")));
  await db.$disconnect();
});

async function spawnInstances(count: number, env: Record<string, string> = {}) {
  const started = await Promise.all(Array.from({ length: count }, () => spawnApi({ CACHE_LEASE_MS: "1000", INVALIDATION_POLL_MS: "100", ...env })));
  running.push(...started);
  return started;
}

async function verify(instance: ApiProcess, auth: Record<string, string>) {
  const response = await fetch(`${instance.url}/api/v1/verify`, { method: "POST", headers: { ...auth, "content-type": "application/json" }, body: '{"cost":0}' });
  await response.arrayBuffer();
  return response.status;
}

async function instanceIds(): Promise<string[]> {
  const rows = await db.apiInstance.findMany({ select: { id: true } });
  return rows.map((row) => row.id);
}

describe("revocation receipts", () => {
  it("lists every serving instance's acknowledgement, is returned by the change and kept in the activity log", async () => {
    const before = new Set(await instanceIds());
    const instances = await spawnInstances(2);
    const ours = (await instanceIds()).filter((id) => !before.has(id));
    expect(ours).toHaveLength(2);
    const { actor, key, auth } = await projectWithKey();
    for (const instance of instances) expect(await verify(instance, auth)).toBe(200);

    const result = await revokeKey({ ...actor, keyId: key.id });
    for (const instance of instances) expect(await verify(instance, auth)).toBe(401);

    const receipt = result.receipt!;
    expect(receipt.silent).toEqual([]);
    expect(receipt.acknowledged.map((ack) => ack.id)).toEqual(expect.arrayContaining(ours));
    expect(receipt.acknowledged).toHaveLength(receipt.instances);
    for (const ack of receipt.acknowledged) {
      expect(ack.host.length).toBeGreaterThan(0);
      expect(Date.parse(ack.acknowledgedAt)).not.toBeNaN();
    }
    expect(receipt.elapsedMs).toBeGreaterThanOrEqual(0);
    expect(describeReceipt(receipt)).toMatch(new RegExp(`^confirmed by ${receipt.instances} of ${receipt.instances} API instances in \\d+ ms$`));

    const activity = await db.activityEvent.findFirstOrThrow({ where: { projectId: actor.projectId, action: "key.revoked" } });
    expect((activity.metadata as { receipt: unknown }).receipt).toEqual(receipt);

    // Revoking again changes nothing, so there is nothing to confirm.
    expect((await revokeKey({ ...actor, keyId: key.id })).receipt).toBeNull();
    await Promise.all(instances.map((i) => i.stop()));
  });

  it("names an instance that stopped answering as having stopped trusting its cache, and never returns before its lease ran out", async () => {
    const [healthy, frozen] = await spawnInstances(2);
    const { actor, key, auth } = await projectWithKey();
    expect(await verify(healthy!, auth)).toBe(200);
    expect(await verify(frozen!, auth)).toBe(200);

    frozen!.child.kill("SIGSTOP");
    const started = Date.now();
    const { receipt } = await rotateKey({ ...actor, keyId: key.id, overlap: "now" });
    const waited = Date.now() - started;
    frozen!.child.kill("SIGCONT");

    // Earlier tests' instances shut down cleanly, so these two are the fleet.
    expect(receipt!.instances).toBe(2);
    expect(receipt!.acknowledged).toHaveLength(1);
    expect(receipt!.silent).toHaveLength(1);
    const silent = receipt!.silent[0]!;
    expect(silent.reason).toBe("lease_expired");
    // It returned only after the silent instance's lease (1 s) and outage grace (1 s, see spawnApi) had run out.
    expect(Date.parse(receipt!.completedAt)).toBeGreaterThanOrEqual(Date.parse(silent.stoppedTrustingAt));
    expect(waited).toBeGreaterThanOrEqual(1900);
    expect(receipt!.worstCaseMs).toBe(2500);
    expect(describeReceipt(receipt!)).toMatch(/stopped trusting (its|their) cache instead$/);
    // The woken instance does not answer 200 from its stale cache.
    expect(await verify(frozen!, auth)).not.toBe(200);
    expect(await verify(healthy!, auth)).toBe(401);
    await Promise.all([healthy!.stop(), frozen!.stop()]);
  });
});
