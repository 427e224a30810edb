import { EVENT_TYPES, TEST_EVENT_TYPE } from "../webhooks/event-types";

// The webhook events as the OpenAPI document's `webhooks` (OpenAPI 3.1):
// each event's body, every field described. docs/webhooks.md shows the same
// events with examples.

type Schema = { type: string | readonly string[]; description: string; properties?: Record<string, Schema>; required?: readonly string[]; enum?: readonly (string | number)[]; format?: string };

const s = (type: Schema["type"], description: string, extra: Partial<Schema> = {}): Schema => ({ type, description, ...extra });
const object = (description: string, properties: Record<string, Schema>): Schema => ({ type: "object", description, properties, required: Object.keys(properties) });

const projectId = s("string", "The project's id.");
const actorId = s(["string", "null"], "The user who made the change; null when Keydeck made it (group sync, a scanner).");
const keyRef = (description: string, more: Record<string, Schema> = {}) =>
  object(description, { id: s("string", "The key's id."), hint: s("string", "The key's display hint, e.g. `kd_live_4fQ9…eHu6` (never the key)."), ...more });
const keyName = s(["string", "null"], "The key's name.");
const keyEnvironment = s(["string", "null"], "The key's environment.", { enum: ["live", "test"] });
const expiresAt = s(["string", "null"], "When the key stops working (ISO 8601, UTC); null for never.", { format: "date-time" });
const member = object("The member.", { user_id: s("string", "The user's id."), name: s("string", "The user's name or email address.") });

/** Each event's `data`. */
const DATA: Record<string, Record<string, Schema>> = {
  "quota.threshold": {
    project_id: projectId,
    scope: s("string", "What reached the threshold: the project's quota, test keys' own quota, or a key's credits.", { enum: ["project", "project_test_keys", "key_credits"] }),
    threshold: s("integer", "The percentage reached.", { enum: [80, 100] }),
    used: s("number", "Units used in the period when the event was written."),
    limit: s("number", "The quota or the key's granted credits for the period."),
    period_start: s(["string", "null"], "The start of the period (UTC; quota periods are calendar months).", { format: "date-time" }),
    key: keyRef("For `key_credits` only: the key.", { name: keyName }),
  },
  "key.expiring": { project_id: projectId, key: keyRef("The key.", { name: keyName, environment: keyEnvironment, expires_at: expiresAt }), days_left: s("integer", "7 or 1.", { enum: [7, 1] }) },
  "key.expired": { project_id: projectId, key: keyRef("The key.", { name: keyName, environment: keyEnvironment, expires_at: expiresAt }) },
  "key.created": { project_id: projectId, actor_id: actorId, key: keyRef("The new key.", { name: keyName, environment: keyEnvironment, expires_at: expiresAt }) },
  "key.revoked": { project_id: projectId, actor_id: actorId, key: keyRef("The revoked key.", { name: keyName }) },
  "key.rotated": {
    project_id: projectId,
    actor_id: actorId,
    key: keyRef("The key that was replaced.", { name: keyName, expires_at: s(["string", "null"], "When the replaced key stops working (the overlap's end).", { format: "date-time" }) }),
    new_key: keyRef("The replacement key."),
    overlap: s("string", "How long both keys work.", { enum: ["now", "1h", "24h", "7d"] }),
  },
  "key.leaked": {
    project_id: projectId,
    actor_id: actorId,
    key: keyRef("The key that was found."),
    url: s(["string", "null"], "Where it was found."),
    source: s(["string", "null"], "Which scanner found it."),
  },
  "embed.secret_rotated": {
    project_id: projectId,
    actor_id: actorId,
    overlap: s("string", "How long the old signing secrets keep verifying.", { enum: ["now", "1h", "24h", "7d"] }),
    new_secret_hint: s("string", "The new signing secret's display hint (never the secret)."),
    old_secrets_expire_at: s("string", "When the old secrets stop verifying.", { format: "date-time" }),
  },
  "member.added": {
    project_id: projectId,
    actor_id: actorId,
    member,
    role: s("string", "The member's role.", { enum: ["owner", "admin", "developer", "viewer"] }),
    source: s("string", "How they joined: an invitation or a linked identity-provider group.", { enum: ["invitation", "group"] }),
  },
  "member.removed": {
    project_id: projectId,
    actor_id: actorId,
    member,
    role: s(["string", "null"], "The role they had."),
    reason: s("string", "Whether they left or were removed (by an admin, or by leaving a linked group).", { enum: ["left", "removed"] }),
  },
  [TEST_EVENT_TYPE]: {
    project_id: projectId,
    endpoint_id: s("string", "The endpoint the test was sent to."),
    message: s("string", "A fixed sentence."),
  },
};

const DESCRIPTIONS: Record<string, string> = { ...EVENT_TYPES, [TEST_EVENT_TYPE]: "Sent by the dashboard's \"Send test event\", to one endpoint" };

/** The OpenAPI 3.1 `webhooks` object: one POST per event type. */
export function webhooksDocument() {
  return Object.fromEntries(
    Object.entries(DATA).map(([type, data]) => {
      const optional = type === "quota.threshold" ? ["key"] : [];
      const body = object(`The \`${type}\` event.`, {
        type: s("string", "The event type.", { enum: [type] }),
        timestamp: s("string", "When the event happened (ISO 8601, UTC).", { format: "date-time" }),
        data: { ...object("The event's details.", data), required: Object.keys(data).filter((k) => !optional.includes(k)) },
      });
      return [
        type,
        {
          post: {
            operationId: `webhook_${type.replace(/\W/g, "_")}`,
            summary: DESCRIPTIONS[type],
            description:
              "Signed per Standard Webhooks: headers `webhook-id` (the event's id, the same on every retry), `webhook-timestamp` (Unix seconds of the attempt) and " +
              "`webhook-signature` (`v1,<base64 HMAC-SHA256>`, space-separated when a rotation's overlap signs with two secrets). Answer 2xx within 10 s; anything else is retried for 3 days.",
            requestBody: { required: true, content: { "application/json": { schema: body } } },
            responses: { "200": { description: "Any 2xx status: received. Redirects are not followed." } },
          },
        },
      ];
    }),
  );
}
