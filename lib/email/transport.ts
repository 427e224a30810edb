import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import type SMTPTransport from "nodemailer/lib/smtp-transport";
import { env } from "../env";

export type EmailTransport = Transporter<SMTPTransport.SentMessageInfo>;

// A mail server that accepts the connection and then says nothing would
// otherwise hold the server action open for minutes (nodemailer waits 2 min
// for a connection and 10 min on an idle socket by default).
const TIMEOUT_MS = 10_000;

/**
 * A transport for one SMTP URL, sending from `from` unless a message says
 * otherwise. Exported for tests; the app uses `emailTransport()`.
 */
export function createTransport({ url, from }: { url: string; from: string }): EmailTransport {
  // Parsed here rather than handed to nodemailer as a URL: given a URL,
  // nodemailer drops every other option (the timeouts) and parses it with the
  // deprecated url.parse().
  const parsed = new URL(url);
  const options: SMTPTransport.Options = {
    host: parsed.hostname.replace(/^\[(.*)\]$/, "$1"),
    port: parsed.port ? Number(parsed.port) : undefined,
    secure: parsed.protocol === "smtps:",
    auth: parsed.username
      ? { user: decodeURIComponent(parsed.username), pass: decodeURIComponent(parsed.password) }
      : undefined,
    connectionTimeout: TIMEOUT_MS,
    greetingTimeout: TIMEOUT_MS,
    socketTimeout: TIMEOUT_MS,
    dnsTimeout: TIMEOUT_MS,
  };
  return nodemailer.createTransport(options, { from });
}

let cached: EmailTransport | null | undefined;

/** The app's transport, built once from SMTP_URL; null when no email is configured. */
export function emailTransport(): EmailTransport | null {
  if (cached === undefined) {
    const { SMTP_URL, EMAIL_FROM } = env();
    cached = SMTP_URL ? createTransport({ url: SMTP_URL, from: EMAIL_FROM }) : null;
  }
  return cached;
}
