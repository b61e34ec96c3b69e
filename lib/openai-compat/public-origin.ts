import "server-only";
import { isHttpsRequest } from "@/lib/auth/cookie";
import { getConfig } from "@/lib/config";

/**
 * Scheme and host a client reached this server at, for the absolute `url`s of /v1 answers: the
 * Host header (or X-Forwarded-Host behind a trusted proxy, TRUST_PROXY) with the scheme it used.
 * The URL goes back to the client that sent the header, so a made-up host misleads only itself;
 * anything that is not a bare host and port falls back to the request's own URL.
 */
export function publicOrigin(request: Request): string {
  const scheme = isHttpsRequest(request.headers, request.url) ? "https" : "http";
  const forwarded =
    getConfig().trustProxyHops > 0 ? request.headers.get("x-forwarded-host")?.split(",")[0]?.trim() : undefined;
  const host = forwarded || request.headers.get("host");
  if (host) {
    try {
      const url = new URL(`${scheme}://${host}`);
      if (url.pathname === "/" && !url.username && !url.password && !url.search && !url.hash) return url.origin;
    } catch {
      // Not a host: the request's URL below.
    }
  }
  const own = new URL(request.url);
  return `${scheme}://${own.host}`;
}
