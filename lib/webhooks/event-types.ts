/**
 * Every event a project's endpoints can subscribe to, in the order the
 * dashboard lists them. docs/webhooks.md and the OpenAPI document's
 * `webhooks` describe each one's payload (lib/contract/webhooks.ts).
 */
export const EVENT_TYPES = {
  "quota.threshold": "The project's period quota, or a key's credits, reached 80 % or 100 %",
  "key.expiring": "A key expires in 7 days, or in 1 day",
  "key.expired": "A key reached its expiry",
  "key.created": "A key was created",
  "key.revoked": "A key was revoked",
  "key.rotated": "A key was rotated (the old one expires after the overlap)",
  "key.leaked": "A key was found in public",
  "embed.secret_rotated": "The embed signing secret was rotated",
  "member.added": "Someone joined the project",
  "member.removed": "Someone left or was removed from the project",
} as const;

export type EventType = keyof typeof EVENT_TYPES;

export const EVENT_TYPE_NAMES = Object.keys(EVENT_TYPES) as EventType[];

/** Sent only by "Send test event", to the one endpoint it was asked for: no endpoint subscribes to it. */
export const TEST_EVENT_TYPE = "webhook.test";

export const isEventType = (value: string): value is EventType => Object.hasOwn(EVENT_TYPES, value);
