// Activity actions in words. An unknown action is shown as its code rather than hidden.
const ACTION_LABELS: Record<string, string> = {
  "project.created": "created the project",
  "project.renamed": "renamed the project",
  "key.created": "created a key",
  "key.revoked": "revoked a key",
  "key.rotated": "rotated a key",
  "key.leaked": "recorded a leaked key",
  "key.replacement_revealed": "revealed a leaked key's replacement",
  "project.leak_policy_changed": "changed what a leaked key does",
  "embed.enabled": "turned embed mode on",
  "embed.disabled": "turned embed mode off",
  "embed.origins_updated": "changed the embed's allowed origins",
  "embed.secret_rotated": "rotated the embed signing secret",
  "embed.secrets_revoked": "revoked every embed signing secret",
  "member.invited": "invited a member",
  "invitation.revoked": "revoked an invitation",
  "invitation.reissued": "re-issued an invitation",
  "invitation.declined": "declined an invitation",
  "member.joined": "joined the project",
  "member.role_changed": "changed a member's role",
  "member.removed": "removed a member",
  "member.left": "left the project",
  "ownership.transferred": "transferred ownership",
  "group.linked": "linked an identity-provider group",
  "group.unlinked": "unlinked an identity-provider group",
  "webhook.endpoint_created": "added a webhook endpoint",
  "webhook.endpoint_updated": "changed a webhook endpoint",
  "webhook.endpoint_enabled": "enabled a webhook endpoint",
  "webhook.endpoint_disabled": "disabled a webhook endpoint",
  "webhook.endpoint_deleted": "deleted a webhook endpoint",
  "webhook.secret_rotated": "rotated a webhook signing secret",
  "webhook.test_sent": "sent a test webhook",
  "webhook.resent": "resent a webhook",
};

export function describeAction(action: string): string {
  return ACTION_LABELS[action] ?? action;
}
