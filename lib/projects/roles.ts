import type { Role } from "@prisma/client";

// What each role may do. Every check goes through `can`, so a new permission
// is one line here, not a role comparison scattered through the code.
const PERMISSIONS = {
  "project:read": ["owner", "admin", "developer", "viewer"],
  "project:update": ["owner", "admin"],
  "project:delete": ["owner"],
  "keys:read": ["owner", "admin", "developer", "viewer"],
  "keys:write": ["owner", "admin", "developer"],
  "embed:write": ["owner", "admin"],
  "activity:read": ["owner", "admin", "developer", "viewer"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

export const ROLE_LABELS: Record<Role, string> = {
  owner: "Owner",
  admin: "Admin",
  developer: "Developer",
  viewer: "Viewer",
};
