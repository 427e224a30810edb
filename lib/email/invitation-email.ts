import "server-only";
import type { Role } from "@prisma/client";
import { ROLE_SUMMARIES } from "../projects/roles";
import { emailTransport, type EmailTransport } from "./transport";

export type InvitationEmail = {
  projectName: string;
  inviterName: string | null;
  inviterEmail: string | null;
  role: Role;
  roleLabel: string;
  /** The accept link; its token is a secret, so it is never logged. */
  link: string;
  expiresAt: Date;
};

export type SendInvitationEmailResult =
  | { sent: true }
  | { sent: false; reason: "not_configured" | "failed"; message?: string };

const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

// Spelled out and in UTC: the recipient's time zone is unknown, and "03/04" reads two ways.
const expiryInWords = (at: Date) =>
  `${new Intl.DateTimeFormat("en-GB", {
    timeZone: "UTC",
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(at)} UTC`;

function inviterLine(name: string | null, email: string | null) {
  if (name && email && name !== email) return `${name} (${email})`;
  return name || email || "A teammate";
}

export function renderInvitationEmail(invitation: InvitationEmail): { subject: string; text: string; html: string } {
  const { projectName, inviterName, inviterEmail, role, roleLabel, link, expiresAt } = invitation;
  const inviter = inviterLine(inviterName, inviterEmail);
  const expires = expiryInWords(expiresAt);
  // A name with a line break must not start a new header line.
  const subject = `You're invited to ${projectName} on Keydeck`.replace(/\s+/g, " ");
  const text = [
    `${inviter} invited you to join the project ${projectName} on Keydeck as ${roleLabel}.`,
    `${roleLabel}: ${ROLE_SUMMARIES[role]}`,
    "",
    "Accept the invitation:",
    link,
    "",
    `The link expires on ${expires}.`,
    "If you did not expect this invitation, you can ignore this email.",
  ].join("\n");
  const e = escapeHtml;
  const html = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${e(subject)}</title></head>
<body style="font-family: system-ui, sans-serif; line-height: 1.5; color: #111;">
<p>${e(inviter)} invited you to join the project <strong>${e(projectName)}</strong> on Keydeck as <strong>${e(roleLabel)}</strong>.</p>
<p>${e(roleLabel)}: ${e(ROLE_SUMMARIES[role])}</p>
<p><a href="${e(link)}" style="display: inline-block; padding: 10px 16px; background: #111; color: #fff; border-radius: 6px; text-decoration: none;">Accept the invitation to ${e(projectName)}</a></p>
<p>The link expires on ${e(expires)}.</p>
<p>If you did not expect this invitation, you can ignore this email.</p>
</body>
</html>`;
  return { subject, text, html };
}

/**
 * Emails an invitation. Never throws: the inviter is shown the link to copy
 * whatever happens here. `message` is for the server log, not for display.
 */
export async function sendInvitationEmail(
  { to, ...invitation }: InvitationEmail & { to: string },
  transport?: EmailTransport | null,
): Promise<SendInvitationEmailResult> {
  try {
    const mailer = transport === undefined ? emailTransport() : transport;
    if (!mailer) return { sent: false, reason: "not_configured" };
    await mailer.sendMail({ to, ...renderInvitationEmail(invitation) });
    return { sent: true };
  } catch (error) {
    // A server may echo what it was sent; the link carries the token.
    const message = String(error instanceof Error ? error.message : error).replaceAll(invitation.link, "[invitation link]");
    console.error(`invitation email to ${to} not sent: ${message}`);
    return { sent: false, reason: "failed", message };
  }
}
