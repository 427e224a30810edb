import ipaddr from "ipaddr.js";

// A key's IP allowlist: IPv4 and IPv6 CIDRs, parsed by ipaddr.js. Stored in
// canonical form (the network address, RFC 5952 for IPv6, always with a
// prefix), so the same range is one string however it was typed.

export const MAX_ALLOWLIST_ENTRIES = 100;
/** Longer than any address with a prefix ("ffff:…:255.255.255.255/128" is 50). */
const MAX_ADDRESS_LENGTH = 64;

export type IpAddress = ipaddr.IPv4 | ipaddr.IPv6;

/**
 * An address as a caller sends it in `client_ip`. IPv4 only in its four-part
 * decimal form (ipaddr.js also reads `127.1` and hex octets, which no proxy
 * writes and which would make one address many strings); an IPv4-mapped IPv6
 * address (`::ffff:192.0.2.1`, what a dual-stack socket reports) is its IPv4
 * address. Zone ids (`fe80::1%eth0`) are refused: they name a local interface.
 */
export function parseAddress(text: string): IpAddress | null {
  if (text.length === 0 || text.length > MAX_ADDRESS_LENGTH) return null;
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) return ipaddr.IPv4.parse(text);
  if (text.includes("%") || !ipaddr.IPv6.isValid(text)) return null;
  const v6 = ipaddr.IPv6.parse(text);
  return v6.isIPv4MappedAddress() ? v6.toIPv4Address() : v6;
}

/** An address as the dashboard shows and stores it: dotted IPv4, or IPv6 in RFC 5952 form. */
export function addressText(address: IpAddress): string {
  return address.kind() === "ipv4" ? address.toString() : (address as ipaddr.IPv6).toRFC5952String();
}

/**
 * Parsed addresses by their text. ipaddr.js's parse costs ~1.6 µs (its
 * regular expressions), most of a cached verify's budget, and a customer's
 * API sends the same few addresses again and again. Bounded: the oldest
 * entry goes first. Parsed addresses are never mutated, so they are shared.
 */
export class AddressCache {
  private readonly entries = new Map<string, IpAddress | null>();

  constructor(private readonly maxEntries = 10_000) {}

  parse(text: string): IpAddress | null {
    let address = this.entries.get(text);
    if (address !== undefined) return address;
    address = parseAddress(text);
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(text, address);
    return address;
  }
}

/** "203.0.113.7", "10.0.0.0/8" or "2001:db8::/32" → its canonical CIDR, or null when it is not one. */
export function normaliseCidr(text: string): string | null {
  const trimmed = text.trim();
  const slash = trimmed.indexOf("/");
  const address = parseAddress(slash === -1 ? trimmed : trimmed.slice(0, slash));
  if (!address) return null;
  let bits = address.kind() === "ipv4" ? 32 : 128;
  if (slash !== -1) {
    const prefix = trimmed.slice(slash + 1);
    if (!/^\d{1,3}$/.test(prefix)) return null;
    const typed = Number(prefix);
    // A mapped address with its prefix counted over 128 bits.
    const offset = address.kind() === "ipv4" && trimmed.slice(0, slash).includes(":") ? 96 : 0;
    if (typed < offset || typed - offset > bits) return null;
    bits = typed - offset;
  }
  const network = address.kind() === "ipv4" ? ipaddr.IPv4.networkAddressFromCIDR(`${address.toString()}/${bits}`) : ipaddr.IPv6.networkAddressFromCIDR(`${address.toString()}/${bits}`);
  return `${network.kind() === "ipv6" ? (network as ipaddr.IPv6).toRFC5952String() : network.toString()}/${bits}`;
}

/**
 * The ranges of a key's allowlist, compiled for matching (the cached key
 * record holds this). ipaddr.js parsed them; IPv4 ranges are kept as
 * (network, mask) pairs in one typed array, so that checking a request
 * against ten ranges touches one small block of memory: with 20,000 cached
 * keys, ipaddr.js's objects per range (an object and an array each) cost
 * a cache miss apiece and ~1.5 µs a request in the benchmark.
 */
export class IpAllowlist {
  private readonly v4: Uint32Array;
  private readonly v6: [ipaddr.IPv6, number][] = [];

  constructor(cidrs: readonly string[]) {
    const v4: number[] = [];
    for (const cidr of cidrs) {
      const [network, bits] = ipaddr.parseCIDR(cidr);
      if (network.kind() === "ipv4") v4.push(ipv4Number(network as ipaddr.IPv4), bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0);
      else this.v6.push([network as ipaddr.IPv6, bits]);
    }
    this.v4 = Uint32Array.from(v4);
  }

  get size(): number {
    return this.v4.length / 2 + this.v6.length;
  }

  /** Whether `address` (as parseAddress returned it) is inside one of the ranges. */
  allows(address: IpAddress): boolean {
    if (address.kind() === "ipv4") {
      const value = ipv4Number(address as ipaddr.IPv4);
      const ranges = this.v4;
      for (let i = 0; i < ranges.length; i += 2) if (((value & ranges[i + 1]!) >>> 0) === ranges[i]) return true;
      return false;
    }
    const v6 = address as ipaddr.IPv6;
    for (const range of this.v6) if (v6.match(range)) return true;
    return false;
  }
}

function ipv4Number(address: ipaddr.IPv4): number {
  const [a, b, c, d] = address.octets as [number, number, number, number];
  return ((a << 24) | (b << 16) | (c << 8) | d) >>> 0;
}
