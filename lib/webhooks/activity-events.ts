import type { ActivityInput } from "../activity/record";
import type { EventType } from "./event-types";

type Meta = Record<string, unknown>;
type Mapped = { type: EventType; data: Record<string, unknown> };

const str = (value: unknown): string | null => (typeof value === "string" ? value : null);
const target = (a: ActivityInput) => ({ id: a.target?.id ?? null, hint: a.target?.label ?? null });

/**
 * The activity actions that are also webhook events, and each one's `data`.
 * recordActivity applies this inside the change's own transaction, so every
 * cause that records activity (dashboard actions, group sync, the leaked-key
 * scanner) emits its event there too: one place for all of them. Only named
 * fields are copied: metadata may grow things a receiver must not see.
 */
const FROM_ACTIVITY: Record<string, (a: ActivityInput, m: Meta) => Mapped> = {
  "key.created": (a, m) => ({
    type: "key.created",
    data: { key: { ...target(a), name: str(m.name), environment: str(m.environment), expires_at: m.expiresAt ?? null } },
  }),
  "key.revoked": (a, m) => ({ type: "key.revoked", data: { key: { ...target(a), name: str(m.name) } } }),
  "key.rotated": (a, m) => ({
    type: "key.rotated",
    data: {
      key: { ...target(a), name: str(m.name), expires_at: str(m.oldKeyExpiresAt) },
      new_key: { id: str(m.newKeyId), hint: str(m.newKeyHint) },
      overlap: str(m.overlap),
    },
  }),
  "key.leaked": (a, m) => ({ type: "key.leaked", data: { key: target(a), url: str(m.url), source: str(m.source) } }),
  "embed.secret_rotated": (_a, m) => ({
    type: "embed.secret_rotated",
    data: { overlap: str(m.overlap), new_secret_hint: str(m.newSecretHint), old_secrets_expire_at: str(m.oldSecretExpiresAt) },
  }),
  "member.joined": (a, m) => ({
    type: "member.added",
    data: { member: { user_id: a.target?.id ?? null, name: a.target?.label ?? null }, role: str(m.role), source: str(m.source) },
  }),
  "member.removed": (a, m) => ({
    type: "member.removed",
    data: { member: { user_id: a.target?.id ?? null, name: a.target?.label ?? null }, role: str(m.role) ?? str(m.from), reason: "removed" },
  }),
  "member.left": (a, m) => ({
    type: "member.removed",
    data: { member: { user_id: a.target?.id ?? null, name: a.target?.label ?? null }, role: str(m.role), reason: "left" },
  }),
};

/** The event an activity row stands for, or null. `actor_id` is null for changes Keydeck made itself (group sync, scanners). */
export function eventForActivity(activity: ActivityInput): Mapped | null {
  const build = FROM_ACTIVITY[activity.action];
  if (!build) return null;
  const mapped = build(activity, (activity.metadata ?? {}) as Meta);
  return { type: mapped.type, data: { project_id: activity.projectId, actor_id: activity.actorId, ...mapped.data } };
}
