import { afterEach, describe, expect, it } from "vitest";
import { LOGIN_ALL_CLIENTS_FACTOR, limitFor, resetRateLimitsForTests, takeToken } from "@/lib/limits/rate-limits";
import { TokenBuckets } from "@/lib/limits/token-bucket";

function clock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe("TokenBuckets", () => {
  const rule = { perMin: 6, burst: 3 }; // one token every 10 s

  it("allows a burst, then refuses with the wait until the next token", () => {
    const c = clock();
    const b = new TokenBuckets({ now: c.now });
    expect(b.take("a", rule)).toEqual({ ok: true, remaining: 2 });
    expect(b.take("a", rule)).toEqual({ ok: true, remaining: 1 });
    expect(b.take("a", rule)).toEqual({ ok: true, remaining: 0 });
    expect(b.take("a", rule)).toEqual({ ok: false, retryAfterSeconds: 10 });
    c.advance(2_500);
    // 7.5 s left: Retry-After rounds up.
    expect(b.take("a", rule)).toEqual({ ok: false, retryAfterSeconds: 8 });
  });

  it("refills at perMin and never beyond the burst", () => {
    const c = clock();
    const b = new TokenBuckets({ now: c.now });
    for (let i = 0; i < 3; i++) b.take("a", rule);
    c.advance(10_000);
    expect(b.take("a", rule).ok).toBe(true);
    expect(b.take("a", rule).ok).toBe(false);
    c.advance(10 * 60_000);
    for (let i = 0; i < 3; i++) expect(b.take("a", rule).ok).toBe(true);
    expect(b.take("a", rule).ok).toBe(false);
  });

  it("keeps clients apart", () => {
    const c = clock();
    const b = new TokenBuckets({ now: c.now });
    for (let i = 0; i < 3; i++) b.take("a", rule);
    expect(b.take("a", rule).ok).toBe(false);
    expect(b.take("b", rule).ok).toBe(true);
  });

  it("a refused request costs nothing more", () => {
    const c = clock();
    const b = new TokenBuckets({ now: c.now });
    for (let i = 0; i < 3; i++) b.take("a", rule);
    for (let i = 0; i < 50; i++) b.take("a", rule);
    c.advance(10_000);
    expect(b.take("a", rule).ok).toBe(true);
  });

  it("Retry-After is at least one second, even for a fast refill", () => {
    const c = clock();
    const b = new TokenBuckets({ now: c.now });
    const fast = { perMin: 6000, burst: 1 };
    b.take("a", fast);
    expect(b.take("a", fast)).toEqual({ ok: false, retryAfterSeconds: 1 });
  });

  it("forgets idle keys once their buckets are full again", () => {
    const c = clock();
    const b = new TokenBuckets({ now: c.now, sweepEveryMs: 60_000 });
    for (let i = 0; i < 100; i++) b.take(`client-${i}`, rule);
    expect(b.size).toBe(100);
    c.advance(30_000); // 3 tokens back: full, but the sweep has not run yet
    b.take("late", rule);
    expect(b.size).toBe(101);
    c.advance(31_000);
    b.take("later", rule);
    // Everyone but "later" (and "late", refilled too) is full and gone.
    expect(b.size).toBe(1);
  });

  it("keeps a bucket that is still short of tokens through a sweep", () => {
    const c = clock();
    const b = new TokenBuckets({ now: c.now, sweepEveryMs: 1 });
    const slow = { perMin: 1, burst: 2 };
    b.take("a", slow);
    b.take("a", slow);
    c.advance(5_000);
    b.take("b", slow);
    expect(b.size).toBe(2);
    expect(b.take("a", slow).ok).toBe(false);
  });

  it("holds at most maxKeys, dropping the least recently used", () => {
    const c = clock();
    const b = new TokenBuckets({ now: c.now, maxKeys: 50 });
    for (let i = 0; i < 1000; i++) b.take(`k${i}`, rule);
    expect(b.size).toBeLessThanOrEqual(50);
    // The most recent keys are kept, with their counts.
    b.take("k999", rule);
    b.take("k999", rule);
    expect(b.take("k999", rule).ok).toBe(false);
  });
});

describe("which requests are limited", () => {
  it.each([
    ["POST", "/api/generate", "generate"],
    ["post", "/api/generate/", "generate"],
    ["POST", "/api/comparisons", "generate"],
    ["POST", "/api/auth/login", "login"],
  ])("%s %s costs a %s token", (method, path, name) => expect(limitFor(method, path)).toBe(name));

  it.each([
    ["GET", "/api/refine"],
    ["POST", "/api/prompts"],
    ["GET", "/api/generations/x"],
    ["POST", "/api/generations/x/cancel"],
    ["POST", "/api/refine2"],
    // Counted by the refine use case, which knows the refiner (tests/unit/refine-rate-limit.test.ts).
    ["POST", "/api/refine"],
  ])("%s %s is free in the proxy", (method, path) => expect(limitFor(method, path)).toBeUndefined());
});

describe("shared buckets", () => {
  afterEach(() => resetRateLimitsForTests());

  it("sign-in attempts are also capped for all clients together", () => {
    const rule = { perMin: 1, burst: 2 };
    let refused = 0;
    for (let i = 0; i < 100; i++) {
      // A new client every time, as if X-Forwarded-For were rotated.
      if (!takeToken("login", `ip:198.51.100.${i}`, rule).ok) refused++;
    }
    expect(refused).toBe(100 - rule.burst * LOGIN_ALL_CLIENTS_FACTOR);
  });

  it("refine and generate have their own buckets", () => {
    const rule = { perMin: 1, burst: 1 };
    expect(takeToken("refine", "ip:x", rule).ok).toBe(true);
    expect(takeToken("refine", "ip:x", rule).ok).toBe(false);
    expect(takeToken("generate", "ip:x", rule).ok).toBe(true);
    expect(takeToken("refineOffline", "ip:x", rule).ok).toBe(true);
  });
});
