/**
 * Headers every response carries (next.config.ts applies them to all paths, static files and
 * answers from proxy.ts included). The page CSP is per request, with a nonce, in proxy.ts.
 * No imports: next.config.ts loads this file before the app's path aliases exist.
 */
export const SECURITY_HEADERS: ReadonlyArray<{ key: string; value: string }> = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  // Old browsers that ignore CSP's frame-ancestors.
  { key: "X-Frame-Options", value: "DENY" },
  {
    key: "Permissions-Policy",
    value: [
      "camera=()",
      "microphone=()",
      "geolocation=()",
      "payment=()",
      "usb=()",
      "serial=()",
      "bluetooth=()",
      "hid=()",
      "midi=()",
      "magnetometer=()",
      "gyroscope=()",
      "accelerometer=()",
      "display-capture=()",
      "browsing-topics=()",
    ].join(", "),
  },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  // Images and JSON are for this site's pages; other sites may not embed or read them.
  { key: "Cross-Origin-Resource-Policy", value: "same-origin" },
];

/**
 * Share links' pages and answers (/s/*, /api/s/*; next.config.ts puts them after SECURITY_HEADERS,
 * so this Referrer-Policy wins): kept out of search engines, and the token in the URL is never
 * sent on to another site as a Referer.
 */
export const SHARE_HEADERS: ReadonlyArray<{ key: string; value: string }> = [
  { key: "X-Robots-Tag", value: "noindex, nofollow" },
  { key: "Referrer-Policy", value: "no-referrer" },
];

/** API answers are data, never documents: nothing in them may load or run, nor be framed. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
