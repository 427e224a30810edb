import type { AddressInfo } from "node:net";
import { simpleParser, type AddressObject } from "mailparser";
import { SMTPServer, type SMTPServerOptions } from "smtp-server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { renderInvitationEmail, sendInvitationEmail } from "./invitation-email";
import { createTransport } from "./transport";

// A real SMTP server in this process: the message is sent over a socket and
// read back as a mail client would, so encoding and escaping are what arrives.
async function startSmtpServer(options: Partial<SMTPServerOptions> = {}) {
  const received: Buffer[] = [];
  const logins: { username: string | null | undefined; password: string | null | undefined }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onAuth(auth, _session, callback) {
      logins.push({ username: auth.username, password: auth.password });
      callback(null, { user: auth.username ?? "anonymous" });
    },
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        received.push(Buffer.concat(chunks));
        callback();
      });
    },
    ...options,
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  servers.push(server);
  return { port, received, logins };
}

const servers: SMTPServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
  vi.restoreAllMocks();
});

const token = "kdinv_s3cr3tT0kenValue";
const invitation = {
  to: "grace@example.com",
  projectName: `<Acme & "Co">`,
  inviterName: "Ada Lovelace",
  inviterEmail: "ada@example.com",
  role: "developer" as const,
  roleLabel: "Developer",
  link: `https://keydeck.example.com/invitations/accept?token=${token}&from=email`,
  expiresAt: new Date("2026-03-04T05:06:00Z"),
};
const from = "Keydeck Test <no-reply@keydeck.test>";

describe("renderInvitationEmail", () => {
  it("names the inviter once, by name and address when both are known", () => {
    const opening = (inviterName: string | null, inviterEmail: string | null) =>
      renderInvitationEmail({ ...invitation, inviterName, inviterEmail }).text.split(" invited you")[0];
    expect(opening("Ada Lovelace", "ada@example.com")).toBe("Ada Lovelace (ada@example.com)");
    expect(opening("ada@example.com", "ada@example.com")).toBe("ada@example.com");
    expect(opening(null, "ada@example.com")).toBe("ada@example.com");
    expect(opening(null, null)).toBe("A teammate");
  });
});

describe("sendInvitationEmail", () => {
  it("delivers the invitation with the exact link, escaped HTML and the sender from the transport", async () => {
    const smtp = await startSmtpServer();
    const transport = createTransport({ url: `smtp://keydeck:p%40ss%3Aword@127.0.0.1:${smtp.port}`, from });

    expect(await sendInvitationEmail(invitation, transport)).toEqual({ sent: true });

    expect(smtp.logins).toEqual([{ username: "keydeck", password: "p@ss:word" }]);
    const [raw, ...more] = smtp.received;
    expect(more).toHaveLength(0);
    const mail = await simpleParser(raw ?? "");
    expect((mail.to as AddressObject).value.map((a) => a.address)).toEqual(["grace@example.com"]);
    expect(mail.from?.value).toEqual([{ name: "Keydeck Test", address: "no-reply@keydeck.test" }]);
    expect(mail.subject).toContain(`<Acme & "Co">`);
    expect(mail.text?.split("\n")).toContain(invitation.link);
    expect(mail.text).toMatch(/expires on Wednesday,? 4 March 2026 at 05:06 UTC\./);
    expect(mail.text).toContain("If you did not expect this invitation, you can ignore this email.");

    const html = mail.html || "";
    expect(html).toContain("&lt;Acme &amp; &quot;Co&quot;&gt;");
    expect(html).not.toContain("<Acme");
    const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]?.replaceAll("&amp;", "&"));
    expect(hrefs).toEqual([invitation.link]);
  });

  it("reports a refused recipient as failed, logging the recipient but not the token", async () => {
    const smtp = await startSmtpServer({
      onRcptTo(_address, _session, callback) {
        callback(Object.assign(new Error("No such mailbox"), { responseCode: 550 }));
      },
    });
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const transport = createTransport({ url: `smtp://127.0.0.1:${smtp.port}`, from });

    const result = await sendInvitationEmail(invitation, transport);

    expect(result).toMatchObject({ sent: false, reason: "failed" });
    expect(smtp.received).toHaveLength(0);
    expect(log).toHaveBeenCalledTimes(1);
    const line = log.mock.calls.flat().join(" ");
    expect(line).toContain("grace@example.com");
    expect(line).toMatch(/No such mailbox/);
    expect(line).not.toContain(token);
    expect(JSON.stringify(result)).not.toContain(token);
  });

  it("reports a server that is not there as failed instead of throwing", async () => {
    const smtp = await startSmtpServer();
    await new Promise<void>((resolve) => servers.pop()!.close(() => resolve()));
    vi.spyOn(console, "error").mockImplementation(() => {});

    const result = await sendInvitationEmail(invitation, createTransport({ url: `smtp://127.0.0.1:${smtp.port}`, from }));

    expect(result).toMatchObject({ sent: false, reason: "failed" });
  });

  it("sends nothing without a transport", async () => {
    expect(await sendInvitationEmail(invitation, null)).toEqual({ sent: false, reason: "not_configured" });
  });
});
