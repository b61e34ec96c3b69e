import "server-only";
import { matchesAny } from "./constant-time";
import { readSessionCookie } from "./cookie";
import { sessionKey, verifySession } from "./session";

export type AccessConfig = { appPassword?: string; sessionSecret?: string; apiTokens: readonly string[] };

/** Who a request is, once its credentials are checked: a signed-in browser, a script with a token, or nobody. */
export type Principal = "session" | "token" | null;

/** Open with or without a session: the sign-in page and its endpoints, health checks, and Next's own files. */
export function isPublicPath(pathname: string, dev = false): boolean {
  if (pathname === "/api/health" || pathname === "/login") return true;
  if (pathname === "/api/auth/login" || pathname === "/api/auth/logout") return true;
  // Built assets: the same for everyone and free of secrets (tests check the bundle); the sign-in page needs them.
  if (pathname.startsWith("/_next/")) return true;
  if (pathname === "/icon.svg" || pathname === "/favicon.ico") return true;
  // The dev overlay's own endpoints (stack frames, editor links) exist only under `next dev`.
  if (dev && pathname.startsWith("/__nextjs")) return true;
  return false;
}

export function isApiPath(pathname: string): boolean {
  return pathname === "/api" || pathname.startsWith("/api/");
}

/** The Bearer token of an Authorization header, if it has one. */
export function bearerToken(headers: Headers): string | undefined {
  const auth = headers.get("authorization");
  if (!auth || !/^bearer\s/i.test(auth)) return undefined;
  return auth.slice(7).trim() || undefined;
}

/**
 * The checked identity behind a request. Tokens count for API routes only (scripts have no use for
 * pages, and a page reached with a token would render without a session to sign out of).
 */
export function principalOf(headers: Headers, cfg: AccessConfig, forApi: boolean): Principal {
  if (forApi && cfg.apiTokens.length > 0) {
    const token = bearerToken(headers);
    if (token && matchesAny(token, cfg.apiTokens)) return "token";
  }
  if (cfg.appPassword) {
    const key = sessionKey({ password: cfg.appPassword, secret: cfg.sessionSecret });
    if (verifySession(readSessionCookie(headers), key)) return "session";
  }
  return null;
}

export type AccessVerdict = "allow" | "sign-in" | "unauthorized";

/** With APP_PASSWORD unset everything is open, as before the gate existed. */
export function accessVerdict(pathname: string, principal: Principal, cfg: AccessConfig, dev = false): AccessVerdict {
  if (!cfg.appPassword || principal !== null || isPublicPath(pathname, dev)) return "allow";
  return isApiPath(pathname) ? "unauthorized" : "sign-in";
}

/**
 * Headers for keying rate limits: a credential stays only when it checked out, so a client cannot
 * get a fresh bucket by sending a made-up cookie or token each time.
 */
export function trustedKeyHeaders(headers: Headers, principal: Principal): Headers {
  const out = new Headers();
  for (const name of ["x-forwarded-for", "x-real-ip"]) {
    const value = headers.get(name);
    if (value) out.set(name, value);
  }
  if (principal === "token") out.set("authorization", headers.get("authorization") ?? "");
  if (principal === "session") out.set("cookie", `ps_session=${readSessionCookie(headers) ?? ""}`);
  return out;
}
