import "server-only";
import { createHash, createHmac, hkdfSync, randomBytes } from "node:crypto";
import { safeEqual } from "./constant-time";

/** Over plain http; over https the name carries the `__Host-` prefix (lib/auth/cookie.ts). */
export const SESSION_COOKIE = "ps_session";
/** Remembers a browser that signed in once, so others' failed attempts cannot lock it out (lib/auth/device.ts). */
export const DEVICE_COOKIE = "ps_device";
/** Thirty days: a person signs in once a month on a device. */
export const SESSION_TTL_SECONDS = 30 * 24 * 60 * 60;
/** A year: the device cookie grants nothing but its own sign-in bucket. */
export const DEVICE_TTL_SECONDS = 365 * 24 * 60 * 60;

/** `secret`: SESSION_SECRET, or the random one kept in DATA_DIR (lib/auth/session-secret.ts); never the password. */
export type SessionSecrets = { password: string; secret: string };

let cachedKey: { from: string; key: Buffer } | undefined;

/**
 * The HMAC key for session cookies. The secret is the input key, so a cookie reveals nothing about
 * the password; a digest of the password is part of the HKDF info, so a new password ends every
 * session even when the secret stays the same.
 */
export function sessionKey({ password, secret }: SessionSecrets): Buffer {
  const passwordDigest = createHash("sha256").update(password, "utf8").digest("hex");
  const from = `${secret}\u0000${passwordDigest}`;
  if (cachedKey?.from === from) return cachedKey.key;
  const key = Buffer.from(hkdfSync("sha256", secret, "promptsmith/ps_session", `v1 ${passwordDigest}`, 32));
  cachedKey = { from, key };
  return key;
}

function mac(key: Buffer, payload: string): string {
  return createHmac("sha256", key).update(payload, "utf8").digest("base64url");
}

/** What a signed token is for: the prefix is part of the signed payload, so one never passes for the other. */
export type TokenKind = "v1" | "d1";

/** `<kind>.<expiry, unix seconds>.<random id>.<HMAC-SHA256 of the rest>`: all cookie-safe characters. */
export function signToken(key: Buffer, kind: TokenKind, now: number, ttlSeconds: number): string {
  const expires = Math.floor(now / 1000) + ttlSeconds;
  const id = randomBytes(18).toString("base64url");
  const payload = `${kind}.${expires}.${id}`;
  return `${payload}.${mac(key, payload)}`;
}

const TOKEN_SHAPE = /^(v1|d1)\.(\d{1,12})\.([A-Za-z0-9_-]{16,64})\.([A-Za-z0-9_-]{43})$/;

/** The random id of a token of this kind that we signed with this key and that has not expired. */
export function verifyToken(token: string | undefined | null, key: Buffer, kind: TokenKind, now = Date.now()) {
  if (!token || token.length > 160) return undefined;
  const m = TOKEN_SHAPE.exec(token);
  if (!m || m[1] !== kind) return undefined;
  const [, , expires, id, signature] = m as unknown as [string, string, string, string, string];
  const expected = mac(key, `${kind}.${expires}.${id}`);
  if (!safeEqual(signature, expected)) return undefined;
  return Number(expires) * 1000 > now ? id : undefined;
}

export function signSession(key: Buffer, now = Date.now(), ttlSeconds = SESSION_TTL_SECONDS): string {
  return signToken(key, "v1", now, ttlSeconds);
}

/** True for a session cookie we signed with this key that has not expired. */
export function verifySession(token: string | undefined | null, key: Buffer, now = Date.now()): boolean {
  return verifyToken(token, key, "v1", now) !== undefined;
}
