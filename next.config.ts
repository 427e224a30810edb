import type { NextConfig } from "next";
import { isProduction } from "./lib/production-config";
import { noFramingHeaders, productionSecurityHeaders, SELF_FRAMED_PREFIXES, staticSecurityHeaders } from "./lib/security/headers";

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
      // `next build` is production; `next dev` (plain http on localhost) gets no HSTS.
      { source: "/:path*", headers: isProduction(process.env) ? [...staticSecurityHeaders, ...productionSecurityHeaders] : staticSecurityHeaders },
      { source: notSelfFramed, headers: noFramingHeaders },
    ];
  },
};

export default nextConfig;
