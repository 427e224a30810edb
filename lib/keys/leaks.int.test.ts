import { afterAll, describe, expect, it } from "vitest";
import { db } from "../db";
import { createKey } from "./mutations";
import { reportKeyLeaked, latestLeaks } from "./leak-report";
import { pendingReplacements, revealLeakReplacement } from "./leak-replacements";
import { leakPolicyOf, setLeakPolicy } from "./leak-policy";
import { hashKey } from "./format";
import { createProject } from "../projects/mutations";
import { inviteMember, acceptInvitation } from "../teams/invitations";
import { appErrorCode, createUser, snapshot } from "@/tests/integration/factories";

// "Report leaked" from the dashboard and what follows it: the member's
// report under each policy, and the replacement's one reveal.

afterAll(async () => {
  await db.$disconnect();
});

async function projectWith(role: "developer" | "viewer") {
  const owner = await createUser("Owner");
  const project = await createProject({ userId: owner.id, ip: null, name: "Leaks" });
  const member = await createUser(`A ${role}`);
  const { link } = await inviteMember({ userId: owner.id, ip: null, projectId: project.id, email: member.email!, role });
  await acceptInvitation({ userId: member.id, ip: null, token: link.split("/invitations/")[1]! });
  const key = await createKey({ userId: owner.id, ip: null, projectId: project.id, name: "billing", environment: "live", expiry: { kind: "never" } });
  return { owner, member, project, key };
}

describe("reportKeyLeaked (a member's report)", () => {
  it("a viewer reports the owner's live key: revoked by the default policy, recorded once", async () => {
    const { member, project, key } = await projectWith("viewer");
    const first = await reportKeyLeaked({ userId: member.id, ip: "192.0.2.1", projectId: project.id, keyId: key.id, url: "https://github.com/acme/app/pull/3" });
    expect(first).toMatchObject({ alreadyReported: false, leak: { url: "https://github.com/acme/app/pull/3", source: "dashboard", action: "revoked" } });
    expect(first.receipt).not.toBeNull();
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: key.id } })).revokedAt).not.toBeNull();
    const again = await reportKeyLeaked({ userId: member.id, ip: null, projectId: project.id, keyId: key.id, url: "https://github.com/acme/app/pull/3" });
    expect(again).toMatchObject({ alreadyReported: true, leak: first.leak, receipt: null });
    expect(await db.keyLeak.count({ where: { keyId: key.id } })).toBe(1);
    const activity = await db.activityEvent.findMany({ where: { projectId: project.id, action: "key.leaked" } });
    expect(activity).toEqual([expect.objectContaining({ actorId: member.id, targetId: key.id, metadata: expect.objectContaining({ reported_by: "member", url: "https://github.com/acme/app/pull/3" }) })]);
    expect((await latestLeaks(project.id, [key.id])).get(key.id)).toMatchObject({ url: "https://github.com/acme/app/pull/3" });
    // One key.leaked event (webhooks, in-app alerts), written with the leak, not again for the repeat.
    const events = await db.projectEvent.findMany({ where: { projectId: project.id, type: "key.leaked" } });
    expect(events).toEqual([expect.objectContaining({ payload: expect.objectContaining({ url: "https://github.com/acme/app/pull/3" }) })]);
  });

  it("someone outside the project, or a key of another project: not found, and nothing changes", async () => {
    const { project, key } = await projectWith("developer");
    const other = await projectWith("developer");
    const outsider = await createUser("Outsider");
    const before = await snapshot();
    expect(await appErrorCode(reportKeyLeaked({ userId: outsider.id, ip: null, projectId: project.id, keyId: key.id, url: "a chat message" }))).toBe("not_found");
    expect(await appErrorCode(reportKeyLeaked({ userId: other.member.id, ip: null, projectId: other.project.id, keyId: key.id, url: "a chat message" }))).toBe("not_found");
    expect(await snapshot()).toBe(before);
  });
});

describe("the replacement's one reveal", () => {
  it("is listed for owners and admins only, opens once, and is then gone", async () => {
    const { owner, member, project, key } = await projectWith("developer");
    expect(await appErrorCode(setLeakPolicy({ userId: member.id, ip: null, projectId: project.id, policy: "replace" }))).toBe("forbidden");
    await setLeakPolicy({ userId: owner.id, ip: null, projectId: project.id, policy: "replace" });
    expect(await leakPolicyOf({ userId: member.id, projectId: project.id })).toBe("replace");
    await reportKeyLeaked({ userId: member.id, ip: null, projectId: project.id, keyId: key.id, url: "a chat message" });

    expect(await pendingReplacements({ userId: member.id, projectId: project.id })).toEqual([]);
    const [pending] = await pendingReplacements({ userId: owner.id, projectId: project.id });
    expect(pending).toMatchObject({ keyName: "billing" });
    expect(JSON.stringify(pending)).not.toMatch(/kd_live_[0-9A-Za-z]{36}/);
    expect(await appErrorCode(revealLeakReplacement({ userId: member.id, ip: null, projectId: project.id, replacementId: pending!.id }))).toBe("forbidden");

    const revealed = await revealLeakReplacement({ userId: owner.id, ip: null, projectId: project.id, replacementId: pending!.id });
    expect(hashKey(revealed.plaintext)).toBe((await db.apiKey.findUniqueOrThrow({ where: { id: pending!.keyId } })).hash);
    expect(await appErrorCode(revealLeakReplacement({ userId: owner.id, ip: null, projectId: project.id, replacementId: pending!.id }))).toBe("already_created");
    expect(await pendingReplacements({ userId: owner.id, projectId: project.id })).toEqual([]);
    expect(await db.leakReplacement.count({ where: { projectId: project.id } })).toBe(0);
  });
});
