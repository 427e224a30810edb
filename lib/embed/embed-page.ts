import { randomBytes } from "node:crypto";
import type { NextRequest } from "next/server";
import { db } from "../db";
import { env } from "../env";
import { projectUsageSummary } from "../usage/summary";
import { isTimeZone } from "../usage/time-zone";
import { openEmbedCookie, sealEmbedCookie } from "./cookie";
import { isPublishableKeyShape } from "./format";
import { liveSecretWhere } from "./settings";
import { openSecret } from "./secret-box";
import { checkEmbedToken, peekEmbedClaims } from "./session-token";
import { renderEmbedProblem, renderUsageWidget } from "./widget-html";

// GET /embed/{publishableKey}: the page partners frame. With ?session=<token>
// it redeems the token (once) for a cookie scoped to this path and redirects
// to the clean URL, so the token does not linger in history, logs or
// Referer headers; without it, it shows the usage widget to a valid cookie.

export const EMBED_COOKIE = "kd_embed";

type Problem = "unavailable" | "invalid" | "lifetime" | "expired" | "used" | "foreign" | "no_session" | "ended";

const PROBLEMS: Record<Problem, { status: number; title: string; message: string }> = {
  unavailable: { status: 404, title: "This embed is not available", message: "The embed does not exist or embedding is turned off for it." },
  invalid: { status: 401, title: "This session link is not valid", message: "The session token is malformed or its signature does not match. Start a new session." },
  lifetime: { status: 401, title: "This session link is not valid", message: "The session token asks for more than an hour, or was issued in the future. Start a new session." },
  expired: { status: 401, title: "This session has expired", message: "Reload the page to start a new session." },
  used: { status: 401, title: "This session link was already used", message: "A session token can be opened once. Reload the page to start a new session." },
  foreign: { status: 401, title: "This session belongs to another embed", message: "The session token was issued for a different publishable key." },
  ended: { status: 401, title: "This session has ended", message: "The embed's signing secrets were revoked or rotated. Reload the page to start a new session." },
  no_session: { status: 401, title: "No embed session", message: "Open this page through a session link (…?session=<token>), or reload the page to start a new session." },
};

type EmbedProject = NonNullable<Awaited<ReturnType<typeof findEmbed>>>;

function findEmbed(publishableKey: string) {
  if (!isPublishableKeyShape(publishableKey)) return Promise.resolve(null);
  return db.project.findUnique({
    where: { publishableKey },
    include: { embedSecrets: { where: liveSecretWhere(new Date()), select: { id: true, sealed: true } } },
  });
}

// Origins saved before lib/embed/origins.ts checked host names could hold
// `;` or `,`: only what that check lets through today reaches the header.
const HEADER_SAFE_ORIGIN = /^https?:\/\/[a-z0-9.-]+(:[0-9]{1,5})?$/;

/** The response headers of every embed response: framing only by the allowed origins. */
export function embedHeaders(allowed: readonly string[], nonce: string): Record<string, string> {
  const origins = allowed.filter((origin) => HEADER_SAFE_ORIGIN.test(origin));
  return {
    "content-type": "text/html; charset=utf-8",
    "content-security-policy": [
      "default-src 'none'",
      `style-src 'nonce-${nonce}'`,
      // The widget's font, from the app's own origin (EMBED_FONT_PATH).
      "font-src 'self'",
      `frame-ancestors ${origins.length ? origins.join(" ") : "'none'"}`,
      "base-uri 'none'",
      "form-action 'none'",
    ].join("; "),
    "referrer-policy": "no-referrer",
    "x-content-type-options": "nosniff",
    "cache-control": "no-store",
  };
}

function preferredLocale(acceptLanguage: string | null): string {
  const first = acceptLanguage?.split(",")[0]?.split(";")[0]?.trim();
  if (!first || first === "*") return "en-US";
  try {
    return Intl.getCanonicalLocales(first)[0] ?? "en-US";
  } catch {
    return "en-US";
  }
}

export async function embedResponse(request: NextRequest, publishableKey: string): Promise<Response> {
  const url = request.nextUrl;
  const locale = preferredLocale(request.headers.get("accept-language"));
  const nonce = randomBytes(16).toString("base64");
  const requestedZone = url.searchParams.get("tz");
  const tz = requestedZone && isTimeZone(requestedZone) ? requestedZone : null;
  const timeZone = tz ?? "UTC";

  const project = await findEmbed(publishableKey);
  // Refusals may be framed where the widget may, so a partner's page shows
  // why it is empty (also once embed mode is off); an unknown key's, nowhere.
  const origins = project?.embedOrigins ?? [];
  const problem = (kind: Problem) => {
    const { status, title, message } = PROBLEMS[kind];
    return new Response(renderEmbedProblem({ title, message, nonce, locale }), { status, headers: embedHeaders(origins, nonce) });
  };
  if (!project?.embedEnabled) return problem("unavailable");

  const token = url.searchParams.get("session");
  if (token !== null) {
    const redeemed = await redeem(project, publishableKey, token);
    if (typeof redeemed === "string") return problem(redeemed);
    const clean = `/embed/${publishableKey}${tz ? `?tz=${encodeURIComponent(tz)}` : ""}`;
    const headers = new Headers(embedHeaders(origins, nonce));
    headers.set("location", clean);
    headers.append(
      "set-cookie",
      `${EMBED_COOKIE}=${redeemed.cookie}; Path=/embed/${publishableKey}; Max-Age=${redeemed.maxAge}; HttpOnly; Secure; SameSite=None; Partitioned`,
    );
    return new Response(null, { status: 303, headers });
  }

  const cookie = request.cookies.get(EMBED_COOKIE)?.value;
  const session = cookie ? openEmbedCookie(cookie, env().NEXTAUTH_SECRET) : null;
  if (!session || session.pk !== publishableKey || session.sub !== project.id) return problem("no_session");
  // Checked at every request: "revoke all secrets" and a "now" rotation end open widgets here.
  if (session.gen !== project.embedSecretGeneration) return problem("ended");
  const summary = await projectUsageSummary(project, timeZone);
  return new Response(renderUsageWidget({ projectName: project.name, summary, timeZone, locale, nonce }), { status: 200, headers: embedHeaders(origins, nonce) });
}

async function redeem(project: EmbedProject, publishableKey: string, token: string): Promise<{ cookie: string; maxAge: number } | Problem> {
  const claims = peekEmbedClaims(token);
  if (claims && (claims.pk !== publishableKey || claims.sub !== project.id)) return "foreign";
  const secrets = project.embedSecrets.map((s) => openSecret(s.sealed, env().EMBED_ENCRYPTION_KEY, { projectId: project.id, secretId: s.id }));
  const now = Date.now();
  const check = checkEmbedToken(token, secrets, now);
  if (!check.ok) return check.reason;
  const { jti, exp, ext, sub } = check.claims;
  // The jti's row is the "once": a second redemption of the same token inserts nothing.
  const inserted = await db.$executeRaw`
    INSERT INTO embed_redemptions (jti, project_id, expires_at) VALUES (${jti}, ${project.id}, ${new Date(exp * 1000)})
    ON CONFLICT (jti) DO NOTHING`;
  if (inserted === 0) return "used";
  // Rows of expired tokens can go: such a token is refused as expired anyway.
  await db.$executeRaw`DELETE FROM embed_redemptions WHERE expires_at < ${new Date(now)}`;
  const maxAge = Math.max(1, exp - Math.floor(now / 1000));
  // The generation read with the secrets: a revocation after that read ends this cookie at its first use.
  const gen = project.embedSecretGeneration;
  return { cookie: sealEmbedCookie({ pk: publishableKey, sub, ...(ext ? { ext } : {}), exp, gen }, env().NEXTAUTH_SECRET), maxAge };
}
