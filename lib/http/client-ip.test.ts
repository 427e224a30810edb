import { describe, expect, it } from "vitest";
import { clientIp, mintingClient } from "./client-ip";

describe("clientIp", () => {
  it("uses the socket and ignores X-Forwarded-For unless proxies are trusted", () => {
    expect(clientIp("203.0.113.9", "198.51.100.1", 0)).toBe("203.0.113.9");
    expect(clientIp("::ffff:203.0.113.9", undefined, 0)).toBe("203.0.113.9");
  });

  it("behind trusted proxies takes the entry the nearest one appended, not what the client wrote", () => {
    // The client sent "1.1.1.1"; the proxy appended the address it saw.
    expect(clientIp("10.0.0.2", "1.1.1.1, 198.51.100.7", 1)).toBe("198.51.100.7");
    expect(clientIp("10.0.0.2", "1.1.1.1, 198.51.100.7, 10.0.0.5", 2)).toBe("198.51.100.7");
    expect(clientIp("10.0.0.2", ["1.1.1.1", "198.51.100.7"], 1)).toBe("198.51.100.7");
  });

  it("falls back to the socket when the header is missing or not an address", () => {
    expect(clientIp("10.0.0.2", undefined, 1)).toBe("10.0.0.2");
    expect(clientIp("10.0.0.2", "not-an-ip", 1)).toBe("10.0.0.2");
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
