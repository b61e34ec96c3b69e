/**
 * Issue 9, item 6: with DATABASE_URL, rate limits, the per-client queue cap and the session key
 * hold for every instance on the database. Two "instances" here are two sets of objects with
 * pools of their own on one Postgres database (describePostgres: its own database, dropped after;
 * it FAILS under CI when Postgres is down).
 */
import { sql } from "kysely";
import { NextRequest } from "next/server";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { cookieKeyFor } from "@/lib/auth/gate";
import { signSession, verifySession } from "@/lib/auth/session";
import { prepareSharedSessionSecret, sessionSecretFor } from "@/lib/auth/session-secret";
import { forgetSharedSessionSecrets, loadSharedSessionSecret } from "@/lib/auth/shared-session-secret";
import { isAppError } from "@/lib/errors";
import { PLACE_WITHOUT_ROW_MS, createPostgresClientCap } from "@/lib/jobs/postgres-client-cap";
import type { ClientCap } from "@/lib/jobs/types";
import { createPostgresRateLimits, type PostgresRateLimits, windowFor } from "@/lib/limits/postgres-rate-limits";
import { resetSharedRateLimitsForTests } from "@/lib/limits/take-token";
import { createPostgresStore, type PostgresStore } from "@/lib/store/postgres-store";
import { proxy } from "@/proxy";
import { generation, idea, version } from "./harness/store";
import { setEnv } from "./harness/proxy";
import { describePostgres } from "./store-dialects";

/** Nothing listens on port 1: a Postgres that does not answer, at once. */
const DOWN_URL = "postgres://postgres@127.0.0.1:1/promptsmith_nowhere";

/** What rejects `promise` with: the AppError code, or the error. */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (e) {
    return isAppError(e) ? e.code : e;
  }
  return "resolved";
}

describe("windowFor: a token bucket as a fixed window", () => {
  it("keeps the long-run rate and the burst", () => {
    expect(windowFor({ perMin: 30, burst: 10 })).toEqual({ points: 10, duration: 20 });
    expect(windowFor({ perMin: 600, burst: 120 })).toEqual({ points: 120, duration: 12 });
    expect(windowFor({ perMin: 5, burst: 5 })).toEqual({ points: 5, duration: 60 });
    // Whole seconds, rounded up: never faster than configured.
    expect(windowFor({ perMin: 7, burst: 1 })).toEqual({ points: 1, duration: 9 });
    expect(windowFor({ perMin: 6000, burst: 1 })).toEqual({ points: 1, duration: 1 });
  });
});

describe("Postgres rate limits when the database does not answer", () => {
  it("answer 503 backend_unavailable, never a pass", async () => {
    const limits = createPostgresRateLimits({ url: DOWN_URL });
    try {
      expect(await rejection(limits.take("generate", "ip:x", { perMin: 6, burst: 3 }))).toBe("backend_unavailable");
    } finally {
      await limits.close();
    }
  });
});

describePostgres("cluster-wide limits", (dialect) => {
  const url = () => dialect.env().DATABASE_URL as string;
  const closers: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
  });
  const instanceLimits = (): PostgresRateLimits => {
    const limits = createPostgresRateLimits({ url: url() });
    closers.push(() => limits.close());
    return limits;
  };
  const instanceStore = (): PostgresStore => {
    const store = createPostgresStore({ url: url() });
    closers.push(() => store.close());
    return store;
  };
  const instanceCap = (opts: { now?: () => number } = {}): { cap: ClientCap; store: PostgresStore } => {
    const store = instanceStore();
    return { cap: createPostgresClientCap({ db: () => store.database(), ...opts }), store };
  };

  describe("rate limits", () => {
    const rule = { perMin: 6, burst: 3 }; // a window of 30 s

    it("two instances share one bucket: the burst across both, then 429 with the wait", async () => {
      const a = instanceLimits();
      const b = instanceLimits();
      expect(await a.take("generate", "ip:198.51.100.1", rule)).toEqual({ ok: true, remaining: 2 });
      expect(await b.take("generate", "ip:198.51.100.1", rule)).toEqual({ ok: true, remaining: 1 });
      expect(await a.take("generate", "ip:198.51.100.1", rule)).toEqual({ ok: true, remaining: 0 });
      const refused = await b.take("generate", "ip:198.51.100.1", rule);
      expect(refused.ok).toBe(false);
      if (refused.ok) return;
      expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(29);
      expect(refused.retryAfterSeconds).toBeLessThanOrEqual(30);
      expect((await a.take("generate", "ip:198.51.100.1", rule)).ok).toBe(false);
      // Other clients and other limits have buckets of their own.
      expect((await b.take("generate", "ip:198.51.100.2", rule)).ok).toBe(true);
      expect((await b.take("refine", "ip:198.51.100.1", rule)).ok).toBe(true);
    });

    it("many requests at once on both instances let exactly the burst through", async () => {
      const a = instanceLimits();
      const b = instanceLimits();
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).take("refine", "session:abc", { perMin: 30, burst: 5 })),
      );
      expect(results.filter((r) => r.ok)).toHaveLength(5);
    });

    it("sign-ins also drain the one bucket of all clients, on every instance; a proven browser skips it", async () => {
      const a = instanceLimits();
      const b = instanceLimits();
      const login = { perMin: 1, burst: 1 }; // all clients together: 10
      let passed = 0;
      for (let i = 0; i < 12; i++) {
        if ((await (i % 2 ? a : b).take("login", `ip:203.0.113.${i}`, login)).ok) passed++;
      }
      expect(passed).toBe(10);
      expect((await a.take("login", "ip:203.0.113.99", login)).ok).toBe(false);
      expect((await b.take("login", "device:owner", login, { proven: true })).ok).toBe(true);
    });

    it("proxy.ts counts in Postgres with DATABASE_URL: a fresh instance finds the bucket drained", async () => {
      const saved = { DATABASE_URL: process.env.DATABASE_URL, RATE_GENERATE_BURST: process.env.RATE_GENERATE_BURST };
      const post = () => proxy(new NextRequest("http://127.0.0.1:3000/api/generate", { method: "POST", body: "{}" }));
      try {
        setEnv({ DATABASE_URL: url(), RATE_GENERATE_BURST: "2", APP_PASSWORD: undefined });
        await resetSharedRateLimitsForTests();
        expect((await post()).status).toBe(200);
        expect((await post()).status).toBe(200);
        await resetSharedRateLimitsForTests(); // as if the next request reached another instance
        const refused = await post();
        expect(refused.status).toBe(429);
        expect(await refused.json()).toMatchObject({ error: { code: "rate_limited" } });
        expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);

        setEnv({ DATABASE_URL: DOWN_URL });
        const down = await post();
        expect(down.status).toBe(503);
        expect(await down.json()).toMatchObject({ error: { code: "backend_unavailable" } });
      } finally {
        await resetSharedRateLimitsForTests();
        setEnv(saved);
      }
    });
  });

  describe("the queue cap", () => {
    it("counts every instance's places, all or none", async () => {
      const { cap: a } = instanceCap();
      const { cap: b } = instanceCap();
      await a.reserve("ip:c", ["g1", "g2"], 3);
      expect(await b.count("ip:c")).toBe(2);
      const refused = await rejection(b.reserve("ip:c", ["g3", "g4"], 3));
      expect(refused).toBe("rate_limited");
      // None of the two was kept.
      expect(await a.count("ip:c")).toBe(2);
      await b.reserve("ip:c", ["g3"], 3);
      expect(await a.count("ip:c")).toBe(3);
      // Asking again for places already held costs nothing.
      await a.reserve("ip:c", ["g1", "g3"], 3);
      expect(await rejection(a.reserve("ip:c", ["g5"], 3))).toBe("rate_limited");
      // Other clients are not affected.
      await a.reserve("ip:d", ["h1"], 3);
      expect(await b.count("ip:d")).toBe(1);
    });

    it("a place released on one instance is free on the other; release is idempotent", async () => {
      const { cap: a } = instanceCap();
      const { cap: b } = instanceCap();
      await a.reserve("ip:c", ["g1", "g2"], 2);
      await b.release(["g1", "unknown"]);
      await b.release(["g1"]);
      expect(await a.count("ip:c")).toBe(1);
      await a.reserve("ip:c", ["g3"], 2);
      expect(await b.count("ip:c")).toBe(2);
    });

    it("lets exactly max through when both instances race for the last places", async () => {
      const { cap: a } = instanceCap();
      const { cap: b } = instanceCap();
      const outcomes = await Promise.all(
        Array.from({ length: 12 }, (_, i) => rejection((i % 2 ? a : b).reserve("ip:race", [`r${i}`], 4))),
      );
      expect(outcomes.filter((o) => o === "resolved")).toHaveLength(4);
      expect(outcomes.filter((o) => o === "rate_limited")).toHaveLength(8);
      expect(await a.count("ip:race")).toBe(4);
    });

    it("heals itself when an instance died without releasing", async () => {
      let clock = Date.now();
      const { cap: a, store } = instanceCap({ now: () => clock });
      const { cap: b } = instanceCap({ now: () => clock });
      await store.createIdeaWithVersion(idea("i1"), version("v1", "i1"));
      // Places taken by an instance that then died: one generation queued, one ended, one never saved.
      await a.reserve("ip:c", ["queued-1", "done-1", "never-1"], 3);
      await store.createGeneration(generation("queued-1", "v1", "i1"));
      await store.createGeneration(generation("done-1", "v1", "i1", { status: "succeeded" }));
      // The ended one no longer counts; the unsaved one still might be a request in flight.
      expect(await b.count("ip:c")).toBe(2);
      clock += PLACE_WITHOUT_ROW_MS + 1_000;
      // Now only the queued generation holds a place, however old.
      expect(await b.count("ip:c")).toBe(1);
      await b.reserve("ip:c", ["new-1", "new-2"], 3);
      expect(await a.count("ip:c")).toBe(3);
      // The stale rows were tidied away under the client's lock.
      const rows = await dialect.query(sql<{ job_id: string }>`SELECT job_id FROM queue_places ORDER BY job_id`);
      expect(rows.map((r) => r.job_id)).toEqual(["new-1", "new-2", "queued-1"]);
    });

    it("answers 503 when the database does not answer", async () => {
      const store = createPostgresStore({ url: DOWN_URL });
      closers.push(() => store.close());
      const cap = createPostgresClientCap({ db: () => store.database() });
      expect(await rejection(cap.reserve("ip:c", ["x"], 3))).toBe("backend_unavailable");
    });
  });

  describe("the session key", () => {
    afterAll(() => forgetSharedSessionSecrets());

    it("is one for every instance, however many start at once", async () => {
      const stores = [instanceStore(), instanceStore(), instanceStore()];
      const secrets = await Promise.all(stores.map(async (s) => loadSharedSessionSecret(await s.database())));
      expect(new Set(secrets).size).toBe(1);
      expect(secrets[0]).toMatch(/^[A-Za-z0-9_-]{43}$/);
      // And it stays: a later instance reads the same.
      expect(await loadSharedSessionSecret(await instanceStore().database())).toBe(secrets[0]);
    });

    it("a cookie signed on one instance checks out on another", async () => {
      const cfg = { appPassword: "pw", apiTokens: [], dataDir: "/nonexistent", databaseUrl: url() };
      forgetSharedSessionSecrets();
      expect(() => sessionSecretFor(cfg)).toThrow();
      const a = instanceStore();
      await prepareSharedSessionSecret(cfg, () => a.database());
      const cookie = signSession(cookieKeyFor(cfg) as Buffer);

      forgetSharedSessionSecrets(); // another process: nothing in memory
      const b = instanceStore();
      await prepareSharedSessionSecret(cfg, () => b.database());
      expect(verifySession(cookie, cookieKeyFor(cfg) as Buffer)).toBe(true);
      // SESSION_SECRET, when set, is the key everywhere, as before.
      expect(sessionSecretFor({ ...cfg, sessionSecret: "s".repeat(32) })).toBe("s".repeat(32));
    });

    it("a database that does not answer is 503, tried again on the next request", async () => {
      forgetSharedSessionSecrets();
      const cfg = { appPassword: "pw", dataDir: "/nonexistent", databaseUrl: DOWN_URL };
      const store = createPostgresStore({ url: DOWN_URL });
      closers.push(() => store.close());
      expect(await rejection(prepareSharedSessionSecret(cfg, () => store.database()))).toBe("backend_unavailable");
    });
  });
});
