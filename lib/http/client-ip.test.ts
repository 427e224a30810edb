import { describe, expect, it } from "vitest";
import { clientIp, mintingClient } from "./client-ip";

const ip = (socketAddress: string | null | undefined, forwardedFor: string | string[] | null | undefined, trustedHops: number) =>
  clientIp({ socketAddress, forwardedFor, trustedHops });

describe("clientIp", () => {
  it("uses the socket and ignores X-Forwarded-For unless proxies are trusted", () => {
    expect(ip("203.0.113.9", "198.51.100.1", 0)).toBe("203.0.113.9");
    expect(ip("::ffff:203.0.113.9", undefined, 0)).toBe("203.0.113.9");
    // The dashboard sees no socket: without trusted proxies it cannot know.
    expect(ip(null, "198.51.100.1", 0)).toBeNull();
  });

  it("behind trusted proxies takes the entry the outermost one appended, however many the client forged to its left", () => {
    expect(ip("10.0.0.2", "1.1.1.1, 198.51.100.7", 1)).toBe("198.51.100.7");
    expect(ip("10.0.0.2", "1.1.1.1, 8.8.8.8, 9.9.9.9, 198.51.100.7", 1)).toBe("198.51.100.7");
    expect(ip("10.0.0.2", "1.1.1.1, 198.51.100.7, 10.0.0.5", 2)).toBe("198.51.100.7");
    expect(ip(null, "1.1.1.1, 198.51.100.7", 1)).toBe("198.51.100.7");
    // Several headers count as one list, in order.
    expect(ip("10.0.0.2", ["1.1.1.1", "198.51.100.7"], 1)).toBe("198.51.100.7");
    expect(ip("10.0.0.2", ["1.1.1.1, 198.51.100.7", "10.0.0.5"], 2)).toBe("198.51.100.7");
  });

  it("never falls back to a client-written entry when the header has fewer entries than trusted proxies", () => {
    // Two proxies should have appended; one entry means one did not, and that entry may be the client's.
    expect(ip("10.0.0.2", "1.1.1.1", 2)).toBe("10.0.0.2");
    expect(ip(null, "1.1.1.1", 2)).toBeNull();
    expect(ip("10.0.0.2", "", 1)).toBe("10.0.0.2");
    expect(ip("10.0.0.2", " , ", 1)).toBe("10.0.0.2");
    expect(ip(null, undefined, 1)).toBeNull();
    expect(ip(undefined, null, 1)).toBeNull();
  });

  it("falls back to the socket, or to nothing, when the trusted entry is not an address", () => {
    expect(ip("10.0.0.2", "not-an-ip", 1)).toBe("10.0.0.2");
    expect(ip("10.0.0.2", "198.51.100.7, <script>", 1)).toBe("10.0.0.2");
    expect(ip(null, "198.51.100.7:4711", 1)).toBeNull();
    expect(ip(null, "[2001:db8::1]", 1)).toBeNull();
    expect(ip(null, "999.1.1.1", 1)).toBeNull();
    expect(ip(null, "unknown", 1)).toBeNull();
    expect(ip("not-a-socket", undefined, 0)).toBeNull();
  });

  it("reads IPv6 in lower case and IPv4-mapped IPv6 as IPv4", () => {
    expect(ip("10.0.0.2", "1.1.1.1, 2001:DB8::7", 1)).toBe("2001:db8::7");
    expect(ip("2001:db8::2", undefined, 0)).toBe("2001:db8::2");
    expect(ip(null, "::ffff:198.51.100.7", 1)).toBe("198.51.100.7");
    expect(ip(null, "::FFFF:198.51.100.7", 1)).toBe("198.51.100.7");
    expect(ip("::ffff:10.0.0.2", "garbage", 1)).toBe("10.0.0.2");
    // A mapped form that is not an IPv4 address stays IPv6.
    expect(ip(null, "::ffff:c633:6407", 1)).toBe("::ffff:c633:6407");
  });
});

describe("mintingClient", () => {
  it("counts IPv4 by address and IPv6 by /64", () => {
    expect(mintingClient("198.51.100.7")).toBe("198.51.100.7");
    expect(mintingClient("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(mintingClient("2001:db8:1:2:bbbb:cccc:dddd:eeee")).toBe("2001:db8:1:2::/64");
    expect(mintingClient("2001:db8::1")).toBe("2001:db8:0:0::/64");
  });
});
