import "server-only";
import pg from "pg";
/*
 * rate-limiter-flexible: widely used and actively kept, with an atomic Postgres store (one
 * INSERT … ON CONFLICT … RETURNING per request, no read-then-write race between instances), so
 * the counting is not ours to get wrong. Pure JavaScript: it talks to the pg.Pool we hand it.
 */
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { LOGIN_ALL_CLIENTS_FACTOR, type LimitName } from "./rate-limits";
import type { BucketRule, TakeResult } from "./token-bucket";

/** The one table every limit shares; each limit's keys carry its name as a prefix. */
export const RATE_LIMIT_TABLE = "rate_limits";

/**
 * A token bucket {perMin, burst} as rate-limiter-flexible's fixed window: `burst` points per window
 * of burst × 60 / perMin seconds. The long-run rate is the same (burst per burst×60/perMin s is
 * perMin a minute), and a client with a full allowance gets `burst` at once, as from a full bucket.
 * The difference: an empty bucket gives a token back every 60/perMin s, a window gives all `burst`
 * back when it ends (Retry-After says when), and a client that spends a window's points at its
 * very end and the next window's at its start gets at most 2 × burst in a short time, never more
 * over any longer stretch. Whole seconds (Postgres keeps the expiry as whole milliseconds), rounded
 * up so the rate is never above the configured one.
 */
export function windowFor(rule: BucketRule): { points: number; duration: number } {
  return { points: rule.burst, duration: Math.max(1, Math.ceil((rule.burst * 60) / rule.perMin)) };
}

/** The same limits as rate-limits.ts's takeToken, counted in Postgres for every instance at once. */
export type PostgresRateLimits = {
  take(limit: LimitName, clientKey: string, rule: BucketRule, opts?: { proven?: boolean }): Promise<TakeResult>;
  close(): Promise<void>;
};

const UNAVAILABLE = "Rate limits are counted in the database, which does not answer right now; try again shortly.";

export function createPostgresRateLimits({ url }: { url: string }): PostgresRateLimits {
  let pool: pg.Pool | undefined;
  let table: Promise<void> | undefined;
  const limiters = new Map<string, RateLimiterPostgres>();

  // Made on the first request that needs it: importing this module connects nowhere.
  const poolNow = (): pg.Pool => {
    if (!pool) {
      pool = new pg.Pool({
        connectionString: url,
        application_name: "promptsmith-limits",
        max: 4,
        // A limit check sits in front of every limited request: an unreachable or stuck server
        // answers 503 within seconds instead of holding the request.
        connectionTimeoutMillis: 5_000,
        query_timeout: 5_000,
      });
      pool.on("error", (error) => log.warn("rate limits: an idle Postgres connection failed", { error }));
    }
    return pool;
  };

  /*
   * The table, before any limiter touches it. The library would create it itself, without waiting
   * and with no guard beyond one error code; here instances starting together take turns on an
   * advisory lock, so CREATE TABLE IF NOT EXISTS never races. The columns are the library's own
   * (RateLimiterPostgres#_getCreateTableStmt). A failure (database down) is tried again next time.
   */
  const ensureTable = (): Promise<void> => {
    table ??= (async () => {
      const client = await poolNow().connect();
      try {
        await client.query("BEGIN");
        await client.query("SELECT pg_advisory_xact_lock(hashtext('promptsmith.rate_limits.create'))");
        await client.query(`CREATE TABLE IF NOT EXISTS "${RATE_LIMIT_TABLE}" (
          key varchar(255) PRIMARY KEY,
          points integer NOT NULL DEFAULT 0,
          expire bigint
        )`);
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    })().catch((error: unknown) => {
      table = undefined;
      throw error;
    });
    return table;
  };

  // One limiter per limit and rule (the rule comes from the config, which tests change).
  const limiter = (name: string, rule: BucketRule): RateLimiterPostgres => {
    const { points, duration } = windowFor(rule);
    const id = `${name}:${points}:${duration}`;
    let hit = limiters.get(id);
    if (!hit) {
      hit = new RateLimiterPostgres({
        storeClient: poolNow(),
        storeType: "pool",
        tableName: RATE_LIMIT_TABLE,
        tableCreated: true,
        keyPrefix: name,
        points,
        duration,
        // One sweeper of expired rows per process is plenty; they share the table.
        clearExpiredByTimeout: limiters.size === 0,
      });
      limiters.set(id, hit);
    }
    return hit;
  };

  /** A refusal as a TakeResult; a failing store as 503, never as a pass or a 500. */
  const consume = async (name: string, key: string, rule: BucketRule): Promise<TakeResult> => {
    try {
      await ensureTable();
      const res = await limiter(name, rule).consume(key);
      return { ok: true, remaining: res.remainingPoints };
    } catch (error) {
      if (error instanceof RateLimiterRes) {
        return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(error.msBeforeNext / 1000)) };
      }
      log.error("rate limits: Postgres does not answer", { error });
      throw new AppError("backend_unavailable", UNAVAILABLE, { cause: error });
    }
  };

  return {
    async take(limit, clientKey, rule, opts = {}) {
      const own = await consume(limit, clientKey, rule);
      if (!own.ok || limit !== "login" || opts.proven) return own;
      // As in the embedded mode: sign-ins also count against one bucket for all clients together.
      const all = await consume("login-all", "all", {
        perMin: rule.perMin * LOGIN_ALL_CLIENTS_FACTOR,
        burst: rule.burst * LOGIN_ALL_CLIENTS_FACTOR,
      });
      return all.ok ? own : all;
    },
    async close() {
      for (const l of limiters.values()) {
        const timer = (l as unknown as { _clearExpiredTimeoutId?: NodeJS.Timeout })._clearExpiredTimeoutId;
        if (timer) clearTimeout(timer);
      }
      limiters.clear();
      const p = pool;
      pool = undefined;
      table = undefined;
      await p?.end();
    },
  };
}
