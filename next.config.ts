import type { NextConfig } from "next";
// Validates the environment at build and start: a malformed variable stops here, named.
import { env } from "./lib/env.ts";
import { assetPolicy, securityHeaders } from "./lib/security/headers.ts";

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
  // Decided at build time (Next writes these into the build): HSTS follows the APP_URL built with.
  // Pages get their Content-Security-Policy, with a nonce, from proxy.ts.
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders(env) },
      // The SVGs we draw are opened as documents when followed directly: nothing in them may run.
      { source: "/demo-art/:path*", headers: [{ key: "Content-Security-Policy", value: assetPolicy() }] },
      { source: "/icon.svg", headers: [{ key: "Content-Security-Policy", value: assetPolicy() }] },
    ];
  },
};

export default nextConfig;
