import { beforeEach, describe, expect, it, vi } from "vitest";

// Every secret comparison must go through crypto.timingSafeEqual on equal-length digests.
const calls: Array<[number, number]> = [];
vi.mock("node:crypto", async (importOriginal) => {
  const real = await importOriginal<typeof import("node:crypto")>();
  const timingSafeEqual = (a: NodeJS.ArrayBufferView, b: NodeJS.ArrayBufferView) => {
    calls.push([a.byteLength, b.byteLength]);
    return real.timingSafeEqual(a, b);
  };
  return { ...real, default: { ...real, timingSafeEqual }, timingSafeEqual };
});

const { matchesAny, safeEqual } = await import("@/lib/auth/constant-time");
const { passwordMatches } = await import("@/lib/auth/password");
const { sessionKey, signSession, verifySession } = await import("@/lib/auth/session");
const { principalOf } = await import("@/lib/auth/gate");

beforeEach(() => {
  calls.length = 0;
});

describe("constant-time comparisons", () => {
  it("compares passwords of any length through timingSafeEqual on 32-byte digests", () => {
    expect(passwordMatches("short", "a much longer password")).toBe(false);
    expect(passwordMatches("a much longer password", "a much longer password")).toBe(true);
    expect(passwordMatches("", "x")).toBe(false);
    expect(calls).toEqual([
      [32, 32],
      [32, 32],
      [32, 32],
    ]);
  });

  it("checks every API token, not stopping at the first match", () => {
    expect(matchesAny("tok-b", ["tok-a", "tok-b", "tok-c", "tok-d"])).toBe(true);
    expect(calls).toHaveLength(4);
    calls.length = 0;
    expect(matchesAny("nope", ["tok-a", "tok-b"])).toBe(false);
    expect(calls).toHaveLength(2);
    expect(matchesAny("x", [])).toBe(false);
  });

  it("verifies session signatures in constant time", () => {
    const key = sessionKey({ password: "pw-for-this-test", secret: "constant-time-secret-0123456789" });
    const token = signSession(key);
    calls.length = 0;
    expect(verifySession(token, key)).toBe(true);
    expect(calls).toEqual([[32, 32]]);
  });

  it("checks Bearer tokens through the same compare", () => {
    const cfg = {
      appPassword: "pw-123456",
      sessionSecret: "s".repeat(32),
      apiTokens: ["alpha-token", "beta-token"],
      dataDir: "/nonexistent",
    };
    const headers = new Headers({ authorization: "Bearer beta-token" });
    expect(principalOf(headers, cfg, true)).toBe("token");
    expect(calls.length).toBeGreaterThanOrEqual(2);
    expect(safeEqual("a", "a")).toBe(true);
  });
});
