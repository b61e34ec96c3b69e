import { describe, expect, it } from "vitest";
import { clearedSessionCookie, isHttpsRequest, readSessionCookie, sessionCookie } from "@/lib/auth/cookie";
import { SESSION_TTL_SECONDS, sessionKey, signSession, verifySession } from "@/lib/auth/session";

const key = sessionKey({ password: "correct horse battery" });
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
    const other = sessionKey({ password: "another password" });
    expect(verifySession(signSession(other, NOW), key, NOW)).toBe(false);
  });

  it("derives a new key when the password changes, with or without SESSION_SECRET", () => {
    expect(sessionKey({ password: "one password" }).equals(sessionKey({ password: "two password" }))).toBe(false);
    const withSecret = sessionKey({ password: "one password", secret: "s".repeat(40) });
    expect(withSecret.equals(sessionKey({ password: "one password" }))).toBe(false);
    expect(withSecret.equals(sessionKey({ password: "two password", secret: "s".repeat(40) }))).toBe(false);
    // Stable for the same inputs (cached or not), so sessions survive a restart.
    expect(withSecret.equals(sessionKey({ password: "one password", secret: "s".repeat(40) }))).toBe(true);
    expect(sessionKey({ password: "one password" }).length).toBe(32);
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
    expect(cleared).toMatch(/^ps_session=; /);
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

  it("reads ps_session among other cookies", () => {
    expect(readSessionCookie(new Headers({ cookie: "a=1; ps_session=tok.en; b=2" }))).toBe("tok.en");
    expect(readSessionCookie(new Headers({ cookie: "xps_session=nope" }))).toBeUndefined();
    expect(readSessionCookie(new Headers({ cookie: "ps_session=" }))).toBeUndefined();
    expect(readSessionCookie(new Headers())).toBeUndefined();
  });
});
