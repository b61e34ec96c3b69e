import { escapeRegExp } from "@/lib/text/escape-regexp";

/** Values shorter than this are not scrubbed by value: a four-letter password would blank out ordinary words. */
export const MIN_SECRET_CHARS = 6;

const REDACTED = "[redacted]";

// Shapes of credentials, whatever their value: provider keys, Authorization values, URL userinfo,
// and `password=…`-style pairs in query strings and config dumps.
const PATTERNS: ReadonlyArray<{ re: RegExp; keep?: boolean; suffix?: string }> = [
  { re: /\bsk-[A-Za-z0-9_-]{8,}/g },
  { re: /\b(Bearer\s+)[A-Za-z0-9._~+/-]+=*/gi, keep: true },
  { re: /\b(Basic\s+)[A-Za-z0-9+/]{6,}=*/gi, keep: true },
  { re: /(\b[a-z][a-z0-9+.-]*:\/\/)[^/\s@"'<>]+@/gi, keep: true, suffix: "@" },
  {
    re: /\b((?:password|passwd|pwd|secret|api[_-]?key|access[_-]?token|auth[_-]?token|session[_-]?secret)["']?\s*[:=]\s*["']?)[^\s"'&,;}]{4,}/gi,
    keep: true,
  },
];

/**
 * The forms a secret can take in text: as is, JSON-escaped (log lines are JSON), URL-encoded
 * (in a URL), and base64 (inside a Basic Authorization header).
 */
export function secretForms(secret: string): string[] {
  const forms = new Set([
    secret,
    JSON.stringify(secret).slice(1, -1),
    encodeURIComponent(secret),
    Buffer.from(secret, "utf8").toString("base64"),
  ]);
  return [...forms].filter((f) => f.length >= MIN_SECRET_CHARS);
}

/** One matcher for a set of secret values (longest first, so a key is not half-replaced by a shorter one). */
export function secretMatcher(secrets: Iterable<string | undefined>): RegExp | undefined {
  const forms = new Set<string>();
  for (const s of secrets) if (s && s.length >= MIN_SECRET_CHARS) for (const f of secretForms(s)) forms.add(f);
  if (forms.size === 0) return undefined;
  const alternatives = [...forms].sort((a, b) => b.length - a.length).map(escapeRegExp);
  return new RegExp(alternatives.join("|"), "g");
}

/** Text with every credential-shaped string and every given secret value replaced by "[redacted]". */
export function scrubText(text: string, values?: RegExp): string {
  let out = values ? text.replace(values, REDACTED) : text;
  for (const { re, keep, suffix = "" } of PATTERNS) {
    out = out.replace(
      re,
      (_m, prefix?: unknown) => `${keep && typeof prefix === "string" ? prefix : ""}${REDACTED}${suffix}`,
    );
  }
  return out;
}

/**
 * A share link's token is its only key (lib/sharing/share-token.ts): a log line that held one would
 * open the link to anyone who reads the logs. Every `/s/<token>` segment (pages and `/api/s/<token>/…`,
 * also URL-encoded or shorter than a real token) becomes `/s/…`.
 */
export function scrubShareTokens(text: string): string {
  return text.replace(/\/s\/[A-Za-z0-9_%-]+/g, "/s/\u2026");
}
