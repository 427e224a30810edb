import { isIPv4, isIPv6 } from "node:net";

export type ClientIpSource = {
  /** The TCP peer's address; null where the runtime does not expose it (a Next.js server action). */
  socketAddress: string | null | undefined;
  /** Every X-Forwarded-For header of the request, as received. */
  forwardedFor: string | string[] | null | undefined;
  /** How many reverse proxies in front append to X-Forwarded-For (TRUST_PROXY). */
  trustedHops: number;
};

/**
 * The client's address, or null when it cannot be known for sure. Used by
 * the /api/v1 service (sandbox cap) and the dashboard (activity log).
 *
 * With no trusted proxy it is the socket's address. Behind `trustedHops`
 * proxies, each appending the address it received from, it is the entry
 * `trustedHops` from the right: the one the outermost proxy wrote. Entries
 * further left were sent by the client and could say anything, so they are
 * never used, not even when the header has fewer entries than expected (then
 * a proxy did not append, and the socket's address is all that is certain).
 * Anything that is not an IP address also falls back to the socket's.
 */
export function clientIp({ socketAddress, forwardedFor, trustedHops }: ClientIpSource): string | null {
  const socket = socketAddress ? ipAddress(socketAddress) : null;
  if (trustedHops <= 0 || forwardedFor == null) return socket;
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor)
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
  if (hops.length < trustedHops) return socket;
  return ipAddress(hops[hops.length - trustedHops]!) ?? socket;
}

/** `address` in canonical form if it is an IP address, else null. */
function ipAddress(address: string): string | null {
  // Dual-stack sockets (and proxies listening on them) report IPv4 clients as ::ffff:a.b.c.d.
  const mapped = /^::ffff:/i.test(address) ? address.slice(7) : null;
  if (mapped !== null && isIPv4(mapped)) return mapped;
  if (isIPv4(address)) return address;
  return isIPv6(address) ? address.toLowerCase() : null;
}

/**
 * What the sandbox IP cap counts by: an IPv4 address, or an IPv6 /64 (one
 * customer network gets a whole /64, so single addresses would be free to rotate).
 */
export function mintingClient(ip: string): string {
  if (!isIPv6(ip)) return ip;
  const [head = "", tail = ""] = ip.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = ip.includes("::") ? [...left, ...Array(8 - left.length - right.length).fill("0"), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((g) => parseInt(g, 16).toString(16))
    .join(":")}::/64`;
}
