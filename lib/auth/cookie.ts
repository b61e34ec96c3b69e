import { SESSION_COOKIE, SESSION_TTL_SECONDS } from "./session";

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

function attributes(maxAge: number, secure: boolean): string {
  return `Path=/; Max-Age=${maxAge}; HttpOnly; SameSite=Lax${secure ? "; Secure" : ""}`;
}

/** The Set-Cookie value for a new session. */
export function sessionCookie(token: string, secure: boolean): string {
  return `${SESSION_COOKIE}=${token}; ${attributes(SESSION_TTL_SECONDS, secure)}`;
}

/** The Set-Cookie value that ends the session in this browser. */
export function clearedSessionCookie(secure: boolean): string {
  return `${SESSION_COOKIE}=; ${attributes(0, secure)}`;
}

/** The ps_session value from a Cookie header (the first, as browsers send the most specific first). */
export function readSessionCookie(headers: Headers): string | undefined {
  const m = /(?:^|;\s*)ps_session=([^;]*)/.exec(headers.get("cookie") ?? "");
  return m?.[1] || undefined;
}
