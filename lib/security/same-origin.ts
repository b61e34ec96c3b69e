/** Methods that change nothing: a cross-site page may send them (links, images) and may not read the answer. */
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function isStateChanging(method: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase());
}

const CROSS_SITE = "This request came from another site; only this site's own pages may change things here.";

function originOf(scheme: "http" | "https", host: string | null | undefined): string | undefined {
  if (!host) return undefined;
  try {
    const url = new URL(`${scheme}://${host.trim()}`);
    // A Host header is a host and an optional port, nothing more.
    if (url.pathname !== "/" || url.username || url.password || url.search || url.hash) return undefined;
    return url.origin;
  } catch {
    return undefined;
  }
}

/**
 * Why a state-changing request is refused as coming from another site, or undefined when it may
 * go on. A browser says where a request comes from in `Origin` (on every POST, form posts
 * included) or, failing that, `Sec-Fetch-Site`. Same origin means the same scheme, host and port:
 * a page of another app on this host (an A1111 or ComfyUI UI on another port) is another origin.
 * Requests with neither header do not come from a browser page (curl, scripts) and are no CSRF.
 * This site's origin is the Host the browser asked for (or X-Forwarded-Host, behind a trusted
 * proxy) with the scheme it used: a cross-site page can set none of these.
 */
export function crossSiteRefusal(headers: Headers, secure: boolean, trustProxyHops: number): string | undefined {
  const origin = headers.get("origin");
  if (origin !== null) {
    const scheme = secure ? "https" : "http";
    const ours = [originOf(scheme, headers.get("host"))];
    if (trustProxyHops > 0) ours.push(originOf(scheme, headers.get("x-forwarded-host")?.split(",")[0]));
    let theirs: string | undefined;
    try {
      theirs = origin === "null" ? undefined : new URL(origin).origin;
    } catch {
      theirs = undefined;
    }
    if (theirs && ours.includes(theirs)) return undefined;
    return CROSS_SITE;
  }
  const site = headers.get("sec-fetch-site")?.trim().toLowerCase();
  if (site === undefined || site === "same-origin" || site === "none") return undefined;
  return CROSS_SITE;
}
