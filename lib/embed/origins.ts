import { domainToASCII } from "node:url";
import { z } from "zod";

export const MAX_ALLOWED_ORIGINS = 20;

/** A DNS name of letters, digits and hyphens in labels of 1–63 (no leading or trailing hyphen), or an IPv4 address. */
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

function isPlainHost(hostname: string): boolean {
  if (hostname.length > 253) return false;
  return hostname.split(".").every((label) => LABEL.test(label));
}

/**
 * An exact origin, `https://host[:port]`: no path, query, fragment, user info
 * or wildcard. Browsers compare frame-ancestors exactly, so anything looser
 * would either not work or allow more than the user meant. `http://localhost`
 * (any port) is accepted for local development of a partner page.
 *
 * The host is IDNA-normalised (bücher.example → xn--bcher-kva.example) and
 * must then be made of `[a-z0-9.-]` only: the URL parser lets `; , ' " ( ) $ &`
 * through in host names, and the origin goes verbatim into the embed page's
 * Content-Security-Policy header, where `;` or `,` would end the directive.
 */
export function normaliseOrigin(input: string): { ok: true; origin: string } | { ok: false; message: string } {
  const value = input.trim();
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { ok: false, message: `“${value}” is not an origin like https://partner.example.com.` };
  }
  const local = url.protocol === "http:" && (url.hostname === "localhost" || url.hostname === "127.0.0.1");
  if (url.protocol !== "https:" && !local) return { ok: false, message: `“${value}” must use https://.` };
  if (url.username || url.password) return { ok: false, message: `“${value}” must not contain a user name or password.` };
  if ((url.pathname !== "/" && url.pathname !== "") || url.search || url.hash || /\/.+|[?#]/.test(value.replace(/^https?:\/\/[^/]+/, ""))) {
    return { ok: false, message: `“${value}” must be an origin only, without a path (like https://partner.example.com).` };
  }
  if (value.includes("*")) return { ok: false, message: `“${value}”: wildcards are not allowed; list each origin.` };
  const hostname = domainToASCII(url.hostname);
  if (!hostname || !isPlainHost(hostname)) {
    return { ok: false, message: `“${value}”: the host name may only hold letters, digits, dots and hyphens (international names are converted).` };
  }
  const origin = `${url.protocol}//${hostname}${url.port ? `:${url.port}` : ""}`;
  // What reaches the header, checked as a whole once more.
  if (!/^https?:\/\/[a-z0-9.-]+(:[0-9]{1,5})?$/.test(origin)) return { ok: false, message: `“${value}” is not an origin like https://partner.example.com.` };
  return { ok: true, origin };
}

export const allowedOrigins = z
  .array(z.string().max(300), { error: "List the allowed origins." })
  .max(MAX_ALLOWED_ORIGINS, { error: `At most ${MAX_ALLOWED_ORIGINS} origins.` })
  .transform((values, ctx) => {
    const origins: string[] = [];
    for (const value of values) {
      if (!value.trim()) continue;
      const result = normaliseOrigin(value);
      if (!result.ok) ctx.addIssue({ code: "custom", message: result.message });
      else if (!origins.includes(result.origin)) origins.push(result.origin);
    }
    return origins;
  });
