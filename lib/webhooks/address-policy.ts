import ipaddr from "ipaddr.js";

/**
 * Whether a webhook may connect to this address: only globally routable
 * unicast. Loopback, private (RFC 1918, IPv6 unique-local), link-local
 * (169.254.169.254, the cloud metadata services), carrier-grade NAT
 * (100.100.100.200, another provider's metadata), multicast, reserved and
 * the rest of ipaddr.js's special ranges are refused. An IPv4-mapped IPv6
 * address is judged as the IPv4 address it carries.
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === "ipv6" && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  return parsed.range() === "unicast";
}

/** The sentence an attempt's log shows for a refused address. */
export const refusedAddressMessage = (address: string) =>
  `Refused to connect to ${address}: webhooks go to public addresses only (not loopback, private, link-local or metadata addresses)`;
