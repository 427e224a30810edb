import type { Role } from "@prisma/client";
import { can, PERMISSIONS, ROLE_LABELS, ROLES, type Permission } from "./roles";

/** The project pages whose controls depend on the role. */
export type ProjectPageWithActions = "keys" | "members" | "embed" | "webhooks" | "settings";

/**
 * What each page hides from a role that may not do it, read from the same
 * role table the server enforces. Pages render the sentence once, at the top,
 * instead of controls vanishing with no reason.
 */
const PAGE_ACTIONS: Record<ProjectPageWithActions, ReadonlyArray<{ permission: Permission; action: string }>> = {
  keys: [{ permission: "keys:write:test", action: "create, rotate or revoke keys" }],
  members: [
    { permission: "members:manage", action: "invite people, change roles, remove members or link groups" },
    { permission: "owners:manage", action: "manage owners or transfer ownership" },
  ],
  embed: [{ permission: "embed:write", action: "switch embed mode, rotate its signing secret or change the allowed origins" }],
  webhooks: [{ permission: "webhooks:manage", action: "add, change or delete webhook endpoints, rotate their secrets, send test events or resend" }],
  settings: [
    { permission: "project:update", action: "rename the project or change its permission names" },
    { permission: "project:delete", action: "delete the project" },
    { permission: "keys:leak-policy", action: "choose what a leaked key does" },
  ],
};

/** "owners and admins can", "only owners can": who to ask, from the role table. */
function whoCan(permission: Permission): string {
  const roles = ROLES.filter((role) => (PERMISSIONS[permission].roles as readonly Role[]).includes(role)).map((role) => `${ROLE_LABELS[role].toLowerCase()}s`);
  if (roles.length === 1) return `only ${roles[0]} can`;
  return `${roles.slice(0, -1).join(", ")} and ${roles.at(-1)} can`;
}

/** The sentence a page shows once to say what `role` cannot do there and who can; null when nothing is hidden. */
export function hiddenActionsNote(role: Role, page: ProjectPageWithActions): string | null {
  const missing = PAGE_ACTIONS[page].filter(({ permission }) => !can(role, permission));
  if (missing.length === 0) return null;
  const parts = missing.map(({ permission, action }) => `${action} (${whoCan(permission)})`);
  const list = parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(", ")} or ${parts.at(-1)}`;
  return `Your role here is ${ROLE_LABELS[role]}: you cannot ${list}. Ask one of them if you need it done.`;
}

/** The key page's note: why its name and policy cannot be changed here, if they cannot. */
export function keyPageNote(role: Role, key: { revoked: boolean; canManage: boolean }): string | null {
  if (key.revoked) return "This key is revoked: its name and policy can no longer change.";
  if (key.canManage) return null;
  const who = can(role, "keys:write:test") ? "only owners and admins can change a live key someone else created" : whoCan("keys:write:test");
  return `Your role here is ${ROLE_LABELS[role]}: you cannot rename this key or change its policy (${who}).`;
}
