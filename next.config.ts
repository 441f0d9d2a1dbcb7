import type { NextConfig } from "next";
// Validates the environment at build and start: a malformed variable stops here, named.
import "./lib/env.ts";

const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
];

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  typedRoutes: true,
  serverExternalPackages: ["pino"],
  // The pretrained public artist model is read from disk at run time (lib/reco/pretrained.ts):
  // trace it into every server function that may recommend (Discover, the assistant, the API).
  outputFileTracingIncludes: { "/**": ["./lib/reco/pretrained/*.bin"] },
  images: {
    remotePatterns: [
      { protocol: "https", hostname: "i.scdn.co" },
      { protocol: "https", hostname: "mosaic.scdn.co" },
    ],
  },
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;
