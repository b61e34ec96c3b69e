import "server-only";
import { getConfig } from "@/lib/config";
import { createPostgresRateLimits, type PostgresRateLimits } from "./postgres-rate-limits";
import { type LimitName, takeToken } from "./rate-limits";
import type { BucketRule, TakeResult } from "./token-bucket";

type Holder = { url: string; limits: PostgresRateLimits };

// On globalThis: proxy.ts and the routes are separate bundles in one process, and should share a pool.
const KEY = Symbol.for("promptsmith.rate-limits-postgres");
const g = globalThis as unknown as Record<symbol, Holder | undefined>;

/**
 * Takes a token for this client, where the limits are counted: with DATABASE_URL in Postgres,
 * for every instance together (postgres-rate-limits.ts); else in this process's token buckets
 * (rate-limits.ts), as the embedded mode always has. The one entry point of proxy.ts and
 * refine-limit.ts. Throws 503 `backend_unavailable` when Postgres does not answer.
 */
export async function takeLimitToken(
  limit: LimitName,
  clientKey: string,
  rule: BucketRule,
  opts: { proven?: boolean } = {},
): Promise<TakeResult> {
  const url = getConfig().databaseUrl;
  if (!url) return takeToken(limit, clientKey, rule, opts);
  if (g[KEY]?.url !== url) {
    void g[KEY]?.limits.close();
    g[KEY] = { url, limits: createPostgresRateLimits({ url }) };
  }
  return g[KEY].limits.take(limit, clientKey, rule, opts);
}

/** Tests only: closes the Postgres limits' pool, so the next call follows the current config. */
export async function resetSharedRateLimitsForTests(): Promise<void> {
  const held = g[KEY];
  g[KEY] = undefined;
  await held?.limits.close();
}
