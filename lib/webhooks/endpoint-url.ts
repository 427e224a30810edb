import ipaddr from "ipaddr.js";
import { isPublicAddress } from "./address-policy";

export const MAX_URL_LENGTH = 2000;

/**
 * What the dashboard accepts as an endpoint URL, or the reason it does not.
 * In production: https only, and no host that is itself a non-public
 * address or `localhost`. A hostname's addresses are checked again by the
 * worker on every connection (server/webhooks/post.ts), where DNS answers
 * can no longer change under the check. `allowPrivate` (WEBHOOK_ALLOW_PRIVATE=1,
 * development and tests) also allows http and local addresses.
 */
export function endpointUrlProblem(raw: string, { allowPrivate }: { allowPrivate: boolean }): string | null {
  if (raw.length > MAX_URL_LENGTH) return `The URL must be at most ${MAX_URL_LENGTH} characters.`;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "Enter an absolute URL, like https://example.com/webhooks/keydeck.";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return "The URL must start with https://.";
  if (url.username || url.password) return "The URL must not contain a user name or password: Keydeck signs every message instead.";
  if (url.hash) return "The URL must not contain a #fragment.";
  if (allowPrivate) return null;
  if (url.protocol !== "https:") return "The URL must start with https:// (plain http is allowed only with WEBHOOK_ALLOW_PRIVATE=1, for development).";
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (host === "localhost" || host.endsWith(".localhost")) return "The URL must point at a public host, not localhost.";
  if (ipaddr.isValid(host) && !isPublicAddress(host)) return "The URL must point at a public address, not a loopback, private, link-local or metadata one.";
  return null;
}
