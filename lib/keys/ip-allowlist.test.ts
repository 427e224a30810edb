import { describe, expect, it } from "vitest";
import { AddressCache, IpAllowlist, normaliseCidr, parseAddress } from "./ip-allowlist";

describe("normaliseCidr", () => {
  it("writes each range one way: network address, RFC 5952, always a prefix", () => {
    expect(normaliseCidr("203.0.113.7")).toBe("203.0.113.7/32");
    expect(normaliseCidr(" 10.1.2.3/8 ")).toBe("10.0.0.0/8");
    expect(normaliseCidr("2001:DB8:0:0::1/32")).toBe("2001:db8::/32");
    expect(normaliseCidr("::1")).toBe("::1/128");
    expect(normaliseCidr("::ffff:192.0.2.0/120")).toBe("192.0.2.0/24");
    expect(normaliseCidr("0.0.0.0/0")).toBe("0.0.0.0/0");
  });
  it("refuses what is not a CIDR", () => {
    for (const bad of ["", "10.0.0.0/33", "2001:db8::/129", "127.1", "0x7f.0.0.1", "10.0.0.0/-1", "10.0.0.0/", "fe80::1%eth0", "example.com", "10.0.0.0/8/8", "::ffff:1.2.3.4/64"]) {
      expect(normaliseCidr(bad), bad).toBeNull();
    }
  });
});

describe("IpAllowlist", () => {
  const list = new IpAllowlist(["10.0.0.0/8", "203.0.113.7/32", "2001:db8::/32"]);
  const allows = (address: string) => list.allows(parseAddress(address)!);
  it("allows addresses inside its ranges, IPv4-mapped IPv6 as IPv4", () => {
    expect(allows("10.200.3.4")).toBe(true);
    expect(allows("203.0.113.7")).toBe(true);
    expect(allows("::ffff:10.0.0.1")).toBe(true);
    expect(allows("2001:db8:ffff::1")).toBe(true);
  });
  it("treats /0 as every IPv4 address and /32 as one", () => {
    const all = new IpAllowlist(["0.0.0.0/0"]);
    expect(all.allows(parseAddress("255.255.255.255")!)).toBe(true);
    expect(all.allows(parseAddress("::1")!)).toBe(false);
    expect(new IpAllowlist(["128.0.0.1/32"]).allows(parseAddress("128.0.0.1")!)).toBe(true);
    expect(new IpAllowlist(["128.0.0.0/1"]).allows(parseAddress("127.255.255.255")!)).toBe(false);
  });

  it("refuses addresses outside them", () => {
    expect(allows("11.0.0.1")).toBe(false);
    expect(allows("203.0.113.8")).toBe(false);
    expect(allows("2001:db9::1")).toBe(false);
    expect(allows("::1")).toBe(false);
  });
  it("reads only proper addresses from client_ip", () => {
    for (const bad of ["", "127.1", "1.2.3.4.5", "fe80::1%eth0", "1.2.3.4/32", "x".repeat(70)]) expect(parseAddress(bad), bad).toBeNull();
  });
});

describe("AddressCache", () => {
  it("parses each text once, refusals too, within its bound", () => {
    const cache = new AddressCache(2);
    const first = cache.parse("10.0.0.1");
    expect(cache.parse("10.0.0.1")).toBe(first);
    expect(cache.parse("nonsense")).toBeNull();
    cache.parse("10.0.0.2");
    expect(cache.parse("10.0.0.1")).not.toBe(first); // the oldest went
    expect(cache.parse("10.0.0.1")?.toString()).toBe("10.0.0.1");
  });
});
