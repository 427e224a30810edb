import type { EventType } from "../webhooks/event-types";

/** What the bell says about one event, and where it leads. */
export type NotificationText = { sentence: string; href: string };

type Project = { name: string; slug: string };
type Data = Record<string, unknown>;

const count = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const obj = (value: unknown): Data => (value && typeof value === "object" ? (value as Data) : {});
const str = (value: unknown): string | null => (typeof value === "string" && value ? value : null);
const num = (value: unknown): number | null => (typeof value === "number" && Number.isFinite(value) ? value : null);

/** "Key “Billing” (kd_live_4fQ9…eHu6)", or as much of it as the event names. */
function keyLabel(key: Data): string {
  const name = str(key.name);
  const hint = str(key.hint);
  if (name && hint) return `Key “${name}” (${hint})`;
  if (name) return `Key “${name}”`;
  return hint ? `Key ${hint}` : "A key";
}

function memberLabel(data: Data): string {
  return str(obj(data.member).name) ?? "A member";
}

const base = (project: Project) => `/projects/${project.slug}`;
const keyHref = (project: Project, key: Data) => (str(key.id) ? `${base(project)}/keys/${str(key.id)}` : `${base(project)}/keys`);

function quotaSentence(project: Project, data: Data): NotificationText {
  const threshold = num(data.threshold) ?? 0;
  const figures = num(data.used) !== null && num(data.limit) !== null ? ` (${count.format(num(data.used)!)} of ${count.format(num(data.limit)!)} units)` : "";
  const consequence = threshold >= 100 ? "; requests are refused with 429 until the period resets" : "";
  if (data.scope === "key_credits") {
    const key = obj(data.key);
    return { sentence: `${keyLabel(key)} used ${threshold} % of its credits${figures}${consequence}`, href: keyHref(project, key) };
  }
  const what = data.scope === "project_test_keys" ? "test keys' quota" : "quota";
  return { sentence: `${project.name} reached ${threshold} % of this month's ${what}${figures}${consequence}`, href: `${base(project)}/usage` };
}

const DESCRIBE: Record<EventType, (project: Project, data: Data) => NotificationText> = {
  "quota.threshold": quotaSentence,
  "key.expiring": (project, data) => {
    const days = num(data.days_left);
    const when = days === 1 ? "in 1 day" : `in ${days ?? 7} days`;
    return { sentence: `${keyLabel(obj(data.key))} expires ${when}`, href: keyHref(project, obj(data.key)) };
  },
  "key.expired": (project, data) => ({ sentence: `${keyLabel(obj(data.key))} expired`, href: keyHref(project, obj(data.key)) }),
  "key.created": (project, data) => ({ sentence: `${keyLabel(obj(data.key))} was created`, href: keyHref(project, obj(data.key)) }),
  "key.revoked": (project, data) => ({ sentence: `${keyLabel(obj(data.key))} was revoked`, href: keyHref(project, obj(data.key)) }),
  // The new key is the one to act on; the old one's page links to it too.
  "key.rotated": (project, data) => ({
    sentence: `${keyLabel(obj(data.key))} was rotated`,
    href: keyHref(project, str(obj(data.new_key).id) ? obj(data.new_key) : obj(data.key)),
  }),
  "key.leaked": (project, data) => ({
    sentence: `${keyLabel(obj(data.key))} was found in public${str(data.source) ? ` (${str(data.source)})` : ""}; revoke it`,
    href: keyHref(project, obj(data.key)),
  }),
  "embed.secret_rotated": (project) => ({ sentence: "The embed signing secret was rotated", href: `${base(project)}/embed` }),
  "member.added": (project, data) => ({ sentence: `${memberLabel(data)} joined ${project.name}`, href: `${base(project)}/members` }),
  "member.removed": (project, data) => ({
    sentence: data.reason === "left" ? `${memberLabel(data)} left ${project.name}` : `${memberLabel(data)} was removed from ${project.name}`,
    href: `${base(project)}/members`,
  }),
};

/**
 * The bell's sentence for an event, from its delivered `data`
 * (docs/webhooks.md). Reads only named fields, so a payload that grows
 * cannot put anything else on screen; a missing field reads as "A key".
 */
export function describeEvent(type: EventType, data: unknown, project: Project): NotificationText {
  return DESCRIBE[type](project, obj(data));
}
