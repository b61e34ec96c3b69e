import { DEVICE_COOKIE, DEVICE_TTL_SECONDS, SESSION_COOKIE, SESSION_TTL_SECONDS } from "./session";

/**
 * True when the person reached us over https: directly, or through a reverse proxy that says so in
 * X-Forwarded-Proto (its first value: the hop nearest the browser). A client on plain http that
 * sends the header only gets a Secure cookie its browser will not keep.
 */
export function isHttpsRequest(headers: Headers, url: string): boolean {
  const forwarded = headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase();
  if (forwarded === "https") return true;
  try {
    return new URL(url).protocol === "https:";
  } catch {
    return false;
  }
}

/**
 * The cookie's name. Over https it carries the `__Host-` prefix: browsers keep such a cookie only
 * when it is Secure, for Path=/ and without Domain, so neither a sibling subdomain nor a plain-http
 * page can plant one that shadows ours.
 */
export function cookieName(base: typeof SESSION_COOKIE | typeof DEVICE_COOKIE, secure: boolean): string {
  return secure ? `__Host-${base}` : base;
}

function attributes(maxAge: number, secure: boolean): string {
  return `Path=/; Max-Age=${maxAge}; HttpOnly; SameSite=Lax${secure ? "; Secure" : ""}`;
}

/** The Set-Cookie value for a new session. */
export function sessionCookie(token: string, secure: boolean): string {
  return `${cookieName(SESSION_COOKIE, secure)}=${token}; ${attributes(SESSION_TTL_SECONDS, secure)}`;
}

/** The Set-Cookie value that ends the session in this browser. */
export function clearedSessionCookie(secure: boolean): string {
  return `${cookieName(SESSION_COOKIE, secure)}=; ${attributes(0, secure)}`;
}

/** The Set-Cookie value that remembers this browser for sign-in limits (lib/auth/device.ts). */
export function deviceCookie(token: string, secure: boolean): string {
  return `${cookieName(DEVICE_COOKIE, secure)}=${token}; ${attributes(DEVICE_TTL_SECONDS, secure)}`;
}

/**
 * Every value of the named cookie, in order. Several can share a name (another Path, a cookie
 * planted by a sibling host, a browser's stale copy), and an HTTP/2 request may send several
 * Cookie headers, which `Headers` joins with ", " (cookie values cannot hold commas).
 */
export function readCookies(headers: Headers, name: string): string[] {
  const out: string[] = [];
  for (const pair of (headers.get("cookie") ?? "").split(/;|,\s/)) {
    const eq = pair.indexOf("=");
    if (eq < 0 || pair.slice(0, eq).trim() !== name) continue;
    const value = pair.slice(eq + 1).trim();
    if (value) out.push(value);
  }
  return out;
}

/** The session cookie values of a request, under the name used for its scheme. */
export function readSessionCookies(headers: Headers, secure: boolean): string[] {
  return readCookies(headers, cookieName(SESSION_COOKIE, secure));
}
