import type { NextConfig } from "next";

// Security headers for every dashboard response. The Content-Security-Policy
// (with a per-request nonce) is set in proxy.ts. The embed page (/embed/…)
// is meant to be framed by partners' sites and sets its own headers.
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
];

const nextConfig: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // Prisma's WASM query compiler and pg are loaded by Node, not bundled.
  serverExternalPackages: ["@prisma/client", "@prisma/adapter-pg", "pg"],
  async headers() {
    return [{ source: "/((?!embed/).*)", headers: securityHeaders }];
  },
};

export default nextConfig;
