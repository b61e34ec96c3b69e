import "server-only";
import { createHash, createHmac, hkdfSync, randomBytes } from "node:crypto";
import { safeEqual } from "./constant-time";

export const SESSION_COOKIE = "ps_session";
/** Thirty days: a person signs in once a month on a device. */
export const SESSION_TTL_SECONDS = 30 * 24 * 60 * 60;

export type SessionSecrets = { password: string; secret?: string };

let cachedKey: { from: string; key: Buffer } | undefined;

/**
 * The HMAC key for session cookies. SESSION_SECRET (or, without one, APP_PASSWORD) is the input key;
 * a digest of the password is part of the HKDF info, so a new password ends every session even when
 * SESSION_SECRET stays the same.
 */
export function sessionKey({ password, secret }: SessionSecrets): Buffer {
  const passwordDigest = createHash("sha256").update(password, "utf8").digest("hex");
  const from = `${secret ?? ""}\u0000${passwordDigest}`;
  if (cachedKey?.from === from) return cachedKey.key;
  const key = Buffer.from(hkdfSync("sha256", secret ?? password, "promptsmith/ps_session", `v1 ${passwordDigest}`, 32));
  cachedKey = { from, key };
  return key;
}

function mac(key: Buffer, payload: string): string {
  return createHmac("sha256", key).update(payload, "utf8").digest("base64url");
}

/** `v1.<expiry, unix seconds>.<random id>.<HMAC-SHA256 of the rest>`: all cookie-safe characters. */
export function signSession(key: Buffer, now = Date.now(), ttlSeconds = SESSION_TTL_SECONDS): string {
  const expires = Math.floor(now / 1000) + ttlSeconds;
  const id = randomBytes(18).toString("base64url");
  const payload = `v1.${expires}.${id}`;
  return `${payload}.${mac(key, payload)}`;
}

const TOKEN_SHAPE = /^v1\.(\d{1,12})\.([A-Za-z0-9_-]{16,64})\.([A-Za-z0-9_-]{43})$/;

/** True for a cookie we signed with this key that has not expired. */
export function verifySession(token: string | undefined | null, key: Buffer, now = Date.now()): boolean {
  if (!token || token.length > 160) return false;
  const m = TOKEN_SHAPE.exec(token);
  if (!m) return false;
  const [, expires, id, signature] = m as unknown as [string, string, string, string];
  const expected = mac(key, `v1.${expires}.${id}`);
  if (!safeEqual(signature, expected)) return false;
  return Number(expires) * 1000 > now;
}
