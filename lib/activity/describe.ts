// Activity actions in words. An unknown action is shown as its code rather than hidden.
const ACTION_LABELS: Record<string, string> = {
  "project.created": "created the project",
  "project.renamed": "renamed the project",
  "key.created": "created a key",
  "key.revoked": "revoked a key",
  "key.rotated": "rotated a key",
};

export function describeAction(action: string): string {
  return ACTION_LABELS[action] ?? action;
}
