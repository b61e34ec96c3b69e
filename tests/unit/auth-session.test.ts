import { describe, expect, it } from "vitest";
import {
  clearedSessionCookie,
  deviceCookie,
  isHttpsRequest,
  readCookies,
  readSessionCookies,
  sessionCookie,
} from "@/lib/auth/cookie";
import {
  SESSION_TTL_SECONDS,
  sessionKey,
  signSession,
  signToken,
  verifySession,
  verifyToken,
} from "@/lib/auth/session";

const SECRET = "test-secret-".repeat(4);
const key = sessionKey({ password: "correct horse battery", secret: SECRET });
const NOW = Date.UTC(2026, 0, 1);

/** Flips one character of a base64url string to another valid one. */
function flip(text: string, at: number): string {
  const c = text[at] === "A" ? "B" : "A";
  return text.slice(0, at) + c + text.slice(at + 1);
}

describe("session cookie signing", () => {
  it("verifies what it signed, until it expires", () => {
    const token = signSession(key, NOW);
    expect(token).toMatch(/^v1\.\d+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(verifySession(token, key, NOW)).toBe(true);
    expect(verifySession(token, key, NOW + (SESSION_TTL_SECONDS - 1) * 1000)).toBe(true);
    expect(verifySession(token, key, NOW + SESSION_TTL_SECONDS * 1000)).toBe(false);
    expect(verifySession(token, key, NOW + 365 * 24 * 3600 * 1000)).toBe(false);
  });

  it("makes a different random id every time", () => {
    const a = signSession(key, NOW);
    const b = signSession(key, NOW);
    expect(a).not.toBe(b);
    expect(a.split(".")[1]).toBe(b.split(".")[1]);
  });

  it("rejects any tampering: expiry, id, signature, version, shape", () => {
    const token = signSession(key, NOW);
    const [v, exp, id, sig] = token.split(".") as [string, string, string, string];
    const later = String(Number(exp) + 10 * 365 * 24 * 3600);
    expect(verifySession(`${v}.${later}.${id}.${sig}`, key, NOW)).toBe(false);
    expect(verifySession(`${v}.${exp}.${flip(id, 3)}.${sig}`, key, NOW)).toBe(false);
    expect(verifySession(`${v}.${exp}.${id}.${flip(sig, 10)}`, key, NOW)).toBe(false);
    expect(verifySession(`v2.${exp}.${id}.${sig}`, key, NOW)).toBe(false);
    expect(verifySession(`${v}.${exp}.${id}`, key, NOW)).toBe(false);
    expect(verifySession(`${token}.extra`, key, NOW)).toBe(false);
    expect(verifySession("", key, NOW)).toBe(false);
    expect(verifySession(undefined, key, NOW)).toBe(false);
    expect(verifySession("x".repeat(10_000), key, NOW)).toBe(false);
  });

  it("rejects a cookie signed with another key", () => {
    const other = sessionKey({ password: "another password", secret: SECRET });
    expect(verifySession(signSession(other, NOW), key, NOW)).toBe(false);
  });

  it("derives a new key when the password changes, and when the secret does", () => {
    const one = sessionKey({ password: "one password", secret: "s".repeat(40) });
    expect(one.equals(sessionKey({ password: "two password", secret: "s".repeat(40) }))).toBe(false);
    expect(one.equals(sessionKey({ password: "one password", secret: "t".repeat(40) }))).toBe(false);
    // Stable for the same inputs (cached or not), so sessions survive a restart.
    expect(one.equals(sessionKey({ password: "one password", secret: "s".repeat(40) }))).toBe(true);
    expect(one.length).toBe(32);
  });

  it("keeps session and device tokens apart: one never verifies as the other", () => {
    const device = signToken(key, "d1", NOW, 3600);
    expect(verifySession(device, key, NOW)).toBe(false);
    expect(verifyToken(device, key, "d1", NOW)).toMatch(/^[A-Za-z0-9_-]{16,}$/);
    expect(verifyToken(signSession(key, NOW), key, "d1", NOW)).toBeUndefined();
  });
});

describe("session cookie attributes", () => {
  it("is httpOnly, SameSite=Lax, Path=/, with a month's Max-Age; Secure only over https", () => {
    const plain = sessionCookie("v1.1.abc.def", false);
    expect(plain).toMatch(/^ps_session=v1\.1\.abc\.def; /);
    expect(plain).toContain("HttpOnly");
    expect(plain).toContain("SameSite=Lax");
    expect(plain).toContain("Path=/");
    expect(plain).toContain(`Max-Age=${30 * 24 * 3600}`);
    expect(plain).not.toContain("Secure");
    expect(sessionCookie("t", true)).toMatch(/; Secure$/);
  });

  it("clears with Max-Age=0 and the same attributes", () => {
    const cleared = clearedSessionCookie(true);
    expect(cleared).toMatch(/^__Host-ps_session=; /);
    expect(cleared).toContain("Max-Age=0");
    expect(cleared).toContain("HttpOnly");
    expect(cleared).toContain("Secure");
  });

  it("knows https from the URL or from the nearest proxy's X-Forwarded-Proto", () => {
    expect(isHttpsRequest(new Headers(), "https://example.test/")).toBe(true);
    expect(isHttpsRequest(new Headers(), "http://example.test/")).toBe(false);
    expect(isHttpsRequest(new Headers({ "x-forwarded-proto": "https" }), "http://127.0.0.1/")).toBe(true);
    expect(isHttpsRequest(new Headers({ "x-forwarded-proto": "HTTPS, http" }), "http://127.0.0.1/")).toBe(true);
    expect(isHttpsRequest(new Headers({ "x-forwarded-proto": "http" }), "http://127.0.0.1/")).toBe(false);
  });

  it("reads every value of a cookie name, across several Cookie headers", () => {
    expect(readSessionCookies(new Headers({ cookie: "a=1; ps_session=tok.en; b=2" }), false)).toEqual(["tok.en"]);
    expect(readSessionCookies(new Headers({ cookie: "xps_session=nope" }), false)).toEqual([]);
    expect(readSessionCookies(new Headers({ cookie: "ps_session=" }), false)).toEqual([]);
    expect(readSessionCookies(new Headers(), false)).toEqual([]);
    // Issue 15.6: a planted or stale cookie first must not hide the right one.
    expect(readSessionCookies(new Headers({ cookie: "ps_session=planted; ps_session=mine" }), false)).toEqual([
      "planted",
      "mine",
    ]);
    const h = new Headers();
    h.append("cookie", "ps_session=first");
    h.append("cookie", "other=2; ps_session=second");
    expect(readCookies(h, "ps_session")).toEqual(["first", "second"]);
  });

  it("uses the __Host- name over https, and reads only that name there", () => {
    expect(sessionCookie("t", true)).toMatch(/^__Host-ps_session=t; Path=\/; /);
    expect(clearedSessionCookie(true)).toMatch(/^__Host-ps_session=; /);
    expect(deviceCookie("d", true)).toMatch(/^__Host-ps_device=d; Path=\/; .*; Secure$/);
    expect(deviceCookie("d", false)).toMatch(/^ps_device=d; /);
    const both = new Headers({ cookie: "ps_session=plain; __Host-ps_session=hosted" });
    expect(readSessionCookies(both, true)).toEqual(["hosted"]);
    expect(readSessionCookies(both, false)).toEqual(["plain"]);
  });
});
