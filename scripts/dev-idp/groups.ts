import { devUsers } from "./users";

/** A group of the realm, named like Keycloak by a UUID and by its full path. */
export interface RealmGroup {
  id: string;
  name: string;
  path: string;
  /** Set on subgroups, as Keycloak 23+ does. */
  parentId?: string;
}

const acmeId = "2c632a8e-71f7-48d9-b974-c0b2475fdad9";

/**
 * The realm's groups, the same as docs/keycloak/realm-keydeck.json. The ids
 * are fixed so that tests and scripts can address a group without a lookup;
 * a real Keycloak makes up its own, so the app must only ever rely on paths.
 */
export const realmGroups: readonly RealmGroup[] = [
  { id: acmeId, name: "acme", path: "/acme" },
  { id: "38ac1648-ab02-458d-8adf-93b217a0457e", name: "payments-admins", path: "/acme/payments-admins", parentId: acmeId },
  { id: "221f9513-06f8-40db-8a3c-c719e82ef182", name: "payments-developers", path: "/acme/payments-developers", parentId: acmeId },
  { id: "b50593cb-5dcd-4488-98f5-14e3deb8b1e1", name: "support", path: "/acme/support", parentId: acmeId },
];

export function findGroupById(id: string): RealmGroup | undefined {
  return realmGroups.find((group) => group.id === id);
}

export function findGroupByPath(path: string): RealmGroup | undefined {
  return realmGroups.find((group) => group.path === path);
}

/** Keycloak's GroupRepresentation as `GET …/groups` returns it, subgroups filled in. */
export interface GroupTreeNode extends RealmGroup {
  subGroupCount: number;
  subGroups: GroupTreeNode[];
}

export function groupTree(parentId?: string): GroupTreeNode[] {
  return realmGroups
    .filter((group) => group.parentId === parentId)
    .map((group) => {
      const subGroups = groupTree(group.id);
      return { ...group, subGroupCount: subGroups.length, subGroups };
    });
}

/**
 * Who is in which group right now (direct memberships only, as Keycloak's
 * mapper reports them). Lives in memory for as long as the provider runs and
 * starts from `devUsers`, so a restart undoes every change.
 */
export interface GroupMemberships {
  /** The user's groups in path order; empty for an unknown user. */
  groupsOf(sub: string): RealmGroup[];
  /** Both return whether membership changed; adding twice or removing a non-member is no error, as in Keycloak. */
  join(sub: string, groupId: string): boolean;
  leave(sub: string, groupId: string): boolean;
}

export function createGroupMemberships(): GroupMemberships {
  const members = new Map<string, Set<string>>();
  for (const user of devUsers) {
    members.set(user.sub, new Set(user.groups.map((path) => {
      const group = findGroupByPath(path);
      // A typo in users.ts would otherwise just drop the membership.
      if (!group) throw new Error(`dev-idp: ${user.username} is in group "${path}", which the realm does not have (scripts/dev-idp/groups.ts).`);
      return group.id;
    })));
  }

  function idsOf(sub: string): Set<string> {
    let ids = members.get(sub);
    if (!ids) members.set(sub, (ids = new Set()));
    return ids;
  }

  return {
    groupsOf: (sub) => realmGroups
      .filter((group) => members.get(sub)?.has(group.id))
      .sort((a, b) => a.path.localeCompare(b.path)),
    join(sub, groupId) {
      const ids = idsOf(sub);
      if (ids.has(groupId)) return false;
      ids.add(groupId);
      return true;
    },
    leave: (sub, groupId) => idsOf(sub).delete(groupId),
  };
}
