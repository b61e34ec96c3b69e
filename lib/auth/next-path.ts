const PLACEHOLDER_ORIGIN = "http://promptsmith.invalid";

/**
 * Where to go after signing in: a path on this site, never another origin. Rejects absolute and
 * protocol-relative URLs ("//evil", "/\\evil" which browsers read as "//evil"), control characters
 * (browsers drop tabs and newlines, turning "/\t/evil" into "//evil"), and the sign-in page itself.
 */
export function safeNextPath(raw: unknown, fallback = "/"): string {
  if (typeof raw !== "string" || raw.length === 0 || raw.length > 2048) return fallback;
  if (!raw.startsWith("/") || raw.startsWith("//")) return fallback;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this rejects
  if (/[\u0000-\u001f\u007f\\]/.test(raw)) return fallback;
  let url: URL;
  try {
    url = new URL(raw, PLACEHOLDER_ORIGIN);
  } catch {
    return fallback;
  }
  if (url.origin !== PLACEHOLDER_ORIGIN) return fallback;
  if (url.pathname === "/login" || url.pathname === "/api" || url.pathname.startsWith("/api/")) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
