import "server-only";
import { getConfig } from "@/lib/config";
import { isHttpsRequest } from "./cookie";
import { cookieKeyFor, verifiedSession } from "./gate";
import { DEVICE_TTL_SECONDS, signSession, signToken } from "./session";

/** True when APP_PASSWORD is set and pages and the API need a session or a token. */
export function isAuthEnabled(): boolean {
  return Boolean(getConfig().appPassword);
}

/** A fresh signed session token and device token, or undefined when sign-in is off. */
export function newSignInTokens(now = Date.now()): { session: string; device: string } | undefined {
  const key = cookieKeyFor(getConfig());
  if (!key) return undefined;
  return { session: signSession(key, now), device: signToken(key, "d1", now, DEVICE_TTL_SECONDS) };
}

/** True when the request carries a valid session cookie (pages: the scheme from X-Forwarded-Proto, which Next sets). */
export function hasValidSession(headers: Headers, url = ""): boolean {
  return verifiedSession(headers, getConfig(), isHttpsRequest(headers, url)) !== undefined;
}

/** True when the header's signed-in parts (Sign out, the setup banner) may show: the gate is off, or this is a session. */
export function isSignedInOrOpen(headers: Headers): boolean {
  return !isAuthEnabled() || hasValidSession(headers);
}
