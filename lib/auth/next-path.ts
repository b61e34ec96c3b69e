const PLACEHOLDER_ORIGIN = "http://promptsmith.invalid";

/**
 * Where to go after signing in: a path on this site, never another origin. Rejects absolute and
 * protocol-relative URLs ("//evil", "/\\evil" which browsers read as "//evil"), control characters
 * (browsers drop tabs and newlines, turning "/\t/evil" into "//evil"), and the sign-in page itself.
 *
 * The checks that matter run on the *normalised* path, the one that is answered in Location:
 * URL parsing resolves dot segments (also encoded ones, "%2e"), so "/.//evil", "/x/..//evil" and
 * "/%2e%2e//evil" all become "//evil", which a browser reads as another host.
 */
export function safeNextPath(raw: unknown, fallback = "/"): string {
  if (typeof raw !== "string" || raw.length === 0 || raw.length > 2048) return fallback;
  if (!raw.startsWith("/") || raw.startsWith("//")) return fallback;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this rejects
  if (/[\u0000-\u001f\u007f\\]/.test(raw)) return fallback;
  const normalised = sameSitePath(raw);
  if (normalised === undefined) return fallback;
  // Resolving once more must change nothing: what we answer is exactly what the browser will resolve.
  if (sameSitePath(normalised) !== normalised) return fallback;
  const { pathname } = new URL(normalised, PLACEHOLDER_ORIGIN);
  if (pathname === "/login" || pathname === "/api" || pathname.startsWith("/api/")) return fallback;
  return normalised;
}

/** The path, query and fragment of `raw` resolved against this site, if it stays a single-slash path here. */
function sameSitePath(raw: string): string | undefined {
  let url: URL;
  try {
    url = new URL(raw, PLACEHOLDER_ORIGIN);
  } catch {
    return undefined;
  }
  if (url.origin !== PLACEHOLDER_ORIGIN) return undefined;
  const out = `${url.pathname}${url.search}${url.hash}`;
  if (!out.startsWith("/") || out.startsWith("//") || out.includes("\\")) return undefined;
  return out;
}
