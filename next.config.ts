import type { NextConfig } from "next";
import { noFramingHeaders, SELF_FRAMED_PREFIXES, staticSecurityHeaders } from "./lib/security/headers";

// Every path except the self-framed ones (/embed/...), which set their own framing policy.
const notSelfFramed = `/:path((?!${SELF_FRAMED_PREFIXES.map((p) => p.slice(1)).join("|")}).*)`;

const nextConfig: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // Prisma's WASM query compiler and pg are loaded by Node, not bundled.
  serverExternalPackages: ["@prisma/client", "@prisma/adapter-pg", "pg"],
  // The Content-Security-Policy (with a per-request nonce) is set in proxy.ts.
  async headers() {
    return [
      { source: "/:path*", headers: staticSecurityHeaders },
      { source: notSelfFramed, headers: noFramingHeaders },
    ];
  },
};

export default nextConfig;
