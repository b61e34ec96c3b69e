import "server-only";
import { addressKey, clientAddress, deviceKey, sessionKeyOf, tokenKey } from "@/lib/http/client-key";
import { isOpenAiPath } from "@/lib/openai-compat/error-shape";
import { matchesAny } from "./constant-time";
import { cookieName, readCookies, readSessionCookies } from "./cookie";
import { DEVICE_COOKIE, sessionKey, verifySession, verifyToken } from "./session";
import { sessionSecretFor } from "./session-secret";

export type AccessConfig = {
  appPassword?: string;
  sessionSecret?: string;
  apiTokens: readonly string[];
  /** Where the random session secret is kept when SESSION_SECRET is not set. */
  dataDir: string;
  /** With it (and no SESSION_SECRET), the random session secret is the one shared in the database. */
  databaseUrl?: string;
  trustProxyHops?: number;
};

/** Who a request is, once its credentials are checked: a signed-in browser, a script with a token, or nobody. */
export type Principal = "session" | "token" | null;

/** Open with or without a session: the sign-in page and its endpoints, health checks, and Next's own files. */
export function isPublicPath(pathname: string, dev = false): boolean {
  if (pathname === "/api/health" || pathname === "/login") return true;
  // Readiness, for load balancers and orchestrators, which have no session: it says "ok" or which
  // of database and storage failed, never more.
  if (pathname === "/api/ready") return true;
  if (pathname === "/api/auth/login" || pathname === "/api/auth/logout") return true;
  // Built assets: the same for everyone and free of secrets (tests check the bundle); the sign-in page needs them.
  if (pathname.startsWith("/_next/")) return true;
  if (pathname === "/icon.svg" || pathname === "/favicon.ico") return true;
  // Share links (issue 10): a visitor has no password. Only the /s/<token> pages and /api/s/<token>
  // routes, which answer nothing but what the token names (lib/sharing); not /shares, /api/shares.
  if (isSharePath(pathname)) return true;
  // The dev overlay's own endpoints (stack frames, editor links) exist only under `next dev`.
  if (dev && pathname.startsWith("/__nextjs")) return true;
  return false;
}

/**
 * `/s/<token>…` and `/api/s/<token>…`, segment by segment in the characters of tokens and ids
 * (letters, digits, _ and -): no dot segment or encoded slash can walk out of them, whatever
 * normalised the path before.
 */
export function isSharePath(pathname: string): boolean {
  return /^\/(?:api\/)?s(?:\/[A-Za-z0-9_-]+)+\/?$/.test(pathname);
}

/** The app's API, and the OpenAI-compatible one under /v1 (lib/openai-compat/): data, tokens, 401s, no pages. */
export function isApiPath(pathname: string): boolean {
  return pathname === "/api" || pathname.startsWith("/api/") || isOpenAiPath(pathname);
}

/** The Bearer token of an Authorization header, if it has one. */
export function bearerToken(headers: Headers): string | undefined {
  const auth = headers.get("authorization");
  if (!auth || !/^bearer\s/i.test(auth)) return undefined;
  return auth.slice(7).trim() || undefined;
}

/** The HMAC key of session and device cookies; undefined while sign-in is off. */
export function cookieKeyFor(cfg: AccessConfig): Buffer | undefined {
  if (!cfg.appPassword) return undefined;
  return sessionKey({ password: cfg.appPassword, secret: sessionSecretFor(cfg) });
}

/** The first session cookie that checks out: a stale or planted cookie of the same name does not hide a good one. */
export function verifiedSession(headers: Headers, cfg: AccessConfig, secure: boolean): string | undefined {
  const key = cookieKeyFor(cfg);
  if (!key) return undefined;
  return readSessionCookies(headers, secure).find((token) => verifySession(token, key));
}

/** The id of this browser's device cookie (set at a successful sign-in), when it checks out. */
export function verifiedDevice(headers: Headers, cfg: AccessConfig, secure: boolean): string | undefined {
  const key = cookieKeyFor(cfg);
  if (!key) return undefined;
  for (const token of readCookies(headers, cookieName(DEVICE_COOKIE, secure))) {
    const id = verifyToken(token, key, "d1");
    if (id) return id;
  }
  return undefined;
}

/**
 * The checked identity behind a request. Tokens count for API routes only (scripts have no use for
 * pages, and a page reached with a token would render without a session to sign out of).
 */
export function principalOf(headers: Headers, cfg: AccessConfig, forApi: boolean, secure = false): Principal {
  if (forApi && cfg.apiTokens.length > 0) {
    const token = bearerToken(headers);
    if (token && matchesAny(token, cfg.apiTokens)) return "token";
  }
  if (verifiedSession(headers, cfg, secure)) return "session";
  return null;
}

export type AccessVerdict = "allow" | "sign-in" | "unauthorized";

/**
 * With APP_PASSWORD unset everything is open, as before the gate existed. The OpenAI-compatible
 * API is for scripts and other tools: once API_TOKENS lists any, it takes one of them, gate or not.
 */
export function accessVerdict(pathname: string, principal: Principal, cfg: AccessConfig, dev = false): AccessVerdict {
  if (isOpenAiPath(pathname) && cfg.apiTokens.length > 0) return principal === "token" ? "allow" : "unauthorized";
  if (!cfg.appPassword || principal !== null || isPublicPath(pathname, dev)) return "allow";
  return isApiPath(pathname) ? "unauthorized" : "sign-in";
}

/**
 * The key for rate limits and queue caps, from credentials that checked out only, so a client
 * cannot get a fresh bucket by sending a made-up cookie or token each time. `device`: for sign-in
 * attempts, a browser that signed in before keeps a bucket of its own.
 */
export function checkedClientKey(
  headers: Headers,
  principal: Principal,
  cfg: AccessConfig,
  secure: boolean,
  opts: { device?: boolean } = {},
): string {
  if (principal === "token") return tokenKey(bearerToken(headers) ?? "");
  if (principal === "session") return sessionKeyOf(verifiedSession(headers, cfg, secure) ?? "");
  const device = opts.device ? verifiedDevice(headers, cfg, secure) : undefined;
  if (device) return deviceKey(device);
  return addressKey(clientAddress(headers, cfg.trustProxyHops ?? 0));
}
