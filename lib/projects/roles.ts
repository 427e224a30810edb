import type { KeyEnvironment, Role } from "@prisma/client";

export const ROLES = ["owner", "admin", "developer", "viewer"] as const satisfies readonly Role[];

export const ROLE_LABELS: Record<Role, string> = {
  owner: "Owner",
  admin: "Admin",
  developer: "Developer",
  viewer: "Viewer",
};

export const ROLE_SUMMARIES: Record<Role, string> = {
  owner: "Everything, including deleting the project, managing owners and transferring ownership.",
  admin: "All keys, embed settings, project settings, and members below owner.",
  developer: "Test keys, and the live keys they created themselves.",
  viewer: "Reads everything but secrets; changes nothing.",
};

/**
 * The role table: what each role may do. The server checks every action
 * against it (through `can`), the members page prints it, and the role ×
 * action matrix test is generated from it, so a permission is one line here.
 */
export const PERMISSIONS = {
  "project:read": { roles: ["owner", "admin", "developer", "viewer"], label: "See the project, its keys (never their secrets), usage and activity" },
  "project:update": { roles: ["owner", "admin"], label: "Rename the project" },
  "project:delete": { roles: ["owner"], label: "Delete the project" },
  "keys:read": { roles: ["owner", "admin", "developer", "viewer"], label: "List keys and their usage" },
  "keys:write:test": { roles: ["owner", "admin", "developer"], label: "Create, rotate and revoke test keys" },
  "keys:write:own-live": { roles: ["owner", "admin", "developer"], label: "Create live keys, and rotate and revoke the ones they created" },
  "keys:write:any-live": { roles: ["owner", "admin"], label: "Rotate and revoke anyone's live keys" },
  "keys:leak-policy": { roles: ["owner", "admin"], label: "Choose what a leaked key does, and reveal a replacement key issued for one" },
  "embed:write": { roles: ["owner", "admin"], label: "Change embed settings and signing secrets" },
  "webhooks:read": { roles: ["owner", "admin", "developer", "viewer"], label: "See webhook endpoints and their delivery log (never their secrets)" },
  "webhooks:manage": { roles: ["owner", "admin"], label: "Add, change and delete webhook endpoints, rotate their secrets, send test events and resend" },
  "activity:read": { roles: ["owner", "admin", "developer", "viewer"], label: "Read the activity log" },
  "members:read": { roles: ["owner", "admin", "developer", "viewer"], label: "See members, invitations and group links" },
  "members:manage": { roles: ["owner", "admin"], label: "Invite, change roles, remove members and link groups (admins: below owner)" },
  "owners:manage": { roles: ["owner"], label: "Make or remove owners and transfer ownership" },
} as const satisfies Record<string, { roles: readonly Role[]; label: string }>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission].roles as readonly Role[]).includes(role);
}

const RANK: Record<Role, number> = { viewer: 1, developer: 2, admin: 3, owner: 4 };

/** The stronger of two grants; null when neither is given. */
export function strongerRole(a: Role | null, b: Role | null): Role | null {
  if (!a) return b;
  if (!b) return a;
  return RANK[a] >= RANK[b] ? a : b;
}

export function isStronger(a: Role, b: Role): boolean {
  return RANK[a] > RANK[b];
}

/**
 * Whether `actor` may give a member the role `to` (or take one away: `to`
 * null), the member holding `from` now (null: not yet a member). Admins
 * manage members below owner and cannot make owners; owners manage everyone.
 */
export function canAssignRole(actor: Role, from: Role | null, to: Role | null): boolean {
  if (!can(actor, "members:manage")) return false;
  if (can(actor, "owners:manage")) return true;
  return from !== "owner" && to !== "owner";
}

/** The roles `actor` may hand out (invitations, role changes, group links). */
export function assignableRoles(actor: Role): Role[] {
  return ROLES.filter((role) => canAssignRole(actor, null, role));
}

/** The permission a key action needs: test keys, one's own live keys, or anyone's. */
export function keyPermission(key: { environment: KeyEnvironment; createdById: string | null }, userId: string): Permission {
  if (key.environment !== "live") return "keys:write:test";
  return key.createdById === userId ? "keys:write:own-live" : "keys:write:any-live";
}

export function canWriteKey(role: Role, key: { environment: KeyEnvironment; createdById: string | null }, userId: string): boolean {
  return can(role, keyPermission(key, userId));
}

/** Creating a key: it will be the creator's own. */
export function canCreateKey(role: Role, environment: KeyEnvironment): boolean {
  return can(role, environment === "live" ? "keys:write:own-live" : "keys:write:test");
}
