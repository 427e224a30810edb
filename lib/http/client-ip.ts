import { isIPv4, isIPv6 } from "node:net";

/**
 * The client's address: the socket's, or, behind `trustedHops` reverse
 * proxies (TRUST_PROXY), the address the nearest of them saw. Each proxy
 * appends the address it received from, so the trustworthy entry is the
 * `trustedHops`-th from the right; anything further left was sent by the
 * client and could say anything.
 */
export function clientIp(socketAddress: string | undefined, forwardedFor: string | string[] | undefined, trustedHops: number): string {
  const socket = normalize(socketAddress ?? "");
  if (trustedHops <= 0 || forwardedFor === undefined) return socket;
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor)
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
  const candidate = hops[hops.length - trustedHops];
  if (candidate === undefined) return hops.length ? normalize(hops[0]!) : socket;
  return isIPv4(normalize(candidate)) || isIPv6(candidate) ? normalize(candidate) : socket;
}

function normalize(address: string): string {
  // Dual-stack sockets report IPv4 clients as ::ffff:a.b.c.d.
  return address.startsWith("::ffff:") && isIPv4(address.slice(7)) ? address.slice(7) : address;
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
