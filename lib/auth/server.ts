import "server-only";
import { getConfig } from "@/lib/config";
import { readSessionCookie } from "./cookie";
import { sessionKey, signSession, verifySession } from "./session";

/** True when APP_PASSWORD is set and pages and the API need a session or a token. */
export function isAuthEnabled(): boolean {
  return Boolean(getConfig().appPassword);
}

/** A fresh signed session token, or undefined when sign-in is off. */
export function newSessionToken(): string | undefined {
  const { appPassword, sessionSecret } = getConfig();
  if (!appPassword) return undefined;
  return signSession(sessionKey({ password: appPassword, secret: sessionSecret }));
}

/** True when the request carries a valid session cookie. */
export function hasValidSession(headers: Headers): boolean {
  const { appPassword, sessionSecret } = getConfig();
  if (!appPassword) return false;
  return verifySession(readSessionCookie(headers), sessionKey({ password: appPassword, secret: sessionSecret }));
}
