import { z } from "zod";

export const MAX_ALLOWED_ORIGINS = 20;

/**
 * An exact origin, `https://host[:port]`: no path, query, fragment, user info
 * or wildcard. Browsers compare frame-ancestors exactly, so anything looser
 * would either not work or allow more than the user meant. `http://localhost`
 * (any port) is accepted for local development of a partner page.
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
  return { ok: true, origin: url.origin };
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
