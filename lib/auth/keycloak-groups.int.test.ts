import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { createUser } from "@/tests/integration/factories";
import { startDevIdp, type DevIdp } from "@/scripts/dev-idp/server";
import { findGroupByPath } from "@/scripts/dev-idp/groups";
import { devUsers } from "@/scripts/dev-idp/users";
import { createProject } from "../projects/mutations";
import { linkGroup } from "../teams/group-links";
import { syncSignInGroups } from "../teams/group-grants";
import { keydeckAdapter } from "./adapter";
import { fetchKeycloakGroups, refreshGroupsAtSessionRefresh } from "./keycloak-groups";

// Between sign-ins, groups are read again from Keycloak's admin API (here the
// dev identity provider's imitation of it) as the client's service account.

const clientId = "keydeck-dashboard";
const clientSecret = "groups-test-secret";
const carol = devUsers.find((u) => u.username === "carol")!;
const group = "/acme/payments-developers";
let idp: DevIdp;
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "keydeck-groups-"));
  idp = await startDevIdp({ port: 0, dataDir, clientId, clientSecret, log: () => {} });
});

afterAll(async () => {
  await idp?.close();
  await rm(dataDir, { recursive: true, force: true });
  await db.$disconnect();
});

async function setMembership(member: boolean) {
  const response = await fetch(`${idp.adminUrl}/users/${carol.sub}/groups/${findGroupByPath(group)!.id}`, {
    method: member ? "PUT" : "DELETE",
    headers: { authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString("base64")}` },
  });
  expect(response.status).toBe(204);
}

/** A user signed in as carol, a developer of a new project through its link to her group. */
async function carolInLinkedGroup(projectName: string) {
  const owner = await createUser("Owner");
  const project = await createProject({ userId: owner.id, ip: null, name: projectName });
  const user = await createUser("Carol");
  await db.account.create({ data: { userId: user.id, type: "oauth", provider: "keycloak", providerAccountId: `${carol.sub}` } });
  await linkGroup({ userId: owner.id, ip: null, projectId: project.id, groupPath: group, role: "developer" });
  await syncSignInGroups(user.id, [group]);
  const membership = () => db.membership.findUnique({ where: { projectId_userId: { projectId: project.id, userId: user.id } } });
  expect(await membership()).toMatchObject({ role: "developer", groupPath: group });
  return { user, membership };
}

describe("Keycloak groups at session refresh", () => {
  it("reads a user's groups as the client's service account", async () => {
    const client = { issuer: idp.issuer, clientId, clientSecret };
    expect(await fetchKeycloakGroups(client, carol.sub)).toEqual([group]);
    expect(await fetchKeycloakGroups(client, "00000000-0000-0000-0000-000000000000")).toBeNull();
    await expect(fetchKeycloakGroups({ ...client, clientSecret: "wrong" }, carol.sub)).rejects.toThrow(/client-credentials grant was refused/);
  });

  it("takes away what a group granted once the user has left it in Keycloak, without a new sign-in", async () => {
    const { user, membership } = await carolInLinkedGroup("Groups at refresh");

    const client = { issuer: idp.issuer, clientId, clientSecret };
    try {
      await setMembership(false);
      await refreshGroupsAtSessionRefresh(user.id, client);
      expect(await membership()).toBeNull();
      expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).idpGroups).toEqual([]);

      await setMembership(true);
      await refreshGroupsAtSessionRefresh(user.id, client);
      expect(await membership()).toMatchObject({ role: "developer" });

      // An unreachable or misconfigured Keycloak changes nothing (and says why in the log).
      await setMembership(false);
      const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
      await refreshGroupsAtSessionRefresh(user.id, { ...client, clientSecret: "wrong" });
      expect(await membership()).toMatchObject({ role: "developer" });
      expect(warn.mock.calls.flat().join(" ")).toMatch(/group refresh .* skipped/);
      warn.mockRestore();
    } finally {
      await setMembership(true);
      // Other tests share the database: this user's account names carol's subject.
      await db.account.deleteMany({ where: { userId: user.id } });
    }
  });

  it("applies the groups before it marks the session refreshed, so a request meanwhile never reads the old memberships", async () => {
    const { user, membership } = await carolInLinkedGroup("Groups before expiry");
    const due = new Date(Date.now() + 60_000);
    const session = await db.session.create({ data: { sessionToken: `groups-order-${user.id}`, userId: user.id, expires: due } });
    const storedExpiry = async () => (await db.session.findUniqueOrThrow({ where: { id: session.id } })).expires.getTime();

    const client = { issuer: idp.issuer, clientId, clientSecret };
    const seen: { expiryBefore?: number; expiryAfter?: number } = {};
    const adapter = keydeckAdapter(async (userId) => {
      seen.expiryBefore = await storedExpiry();
      await refreshGroupsAtSessionRefresh(userId, client);
      seen.expiryAfter = await storedExpiry();
    });
    try {
      await setMembership(false);
      const later = new Date(Date.now() + 8 * 60 * 60 * 1000);
      await adapter.updateSession!({ sessionToken: session.sessionToken, expires: later });
      // While the groups were read and applied, the session still looked due
      // to any other request; once it no longer does, the membership is gone.
      expect(seen).toEqual({ expiryBefore: due.getTime(), expiryAfter: due.getTime() });
      expect(await storedExpiry()).toBe(later.getTime());
      expect(await membership()).toBeNull();
    } finally {
      await setMembership(true);
      await db.account.deleteMany({ where: { userId: user.id } });
    }
  });
});
