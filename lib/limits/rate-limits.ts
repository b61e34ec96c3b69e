import { type BucketRule, TokenBuckets, type TakeResult } from "./token-bucket";

/**
 * `refine`: refinements by a chat model; `refineOffline`: by the offline refiner (lib/limits/refine-limit.ts).
 * `check`: image checks by a chat-model judge (lib/limits/check-limit.ts); the offline check costs none.
 * `shareView`: reads through one share link, keyed by its token's hash; feedback through a link
 * takes `shareFeedback` (per visitor on that link) and `shareFeedbackLink` (per link), in buckets
 * of their own since a bucket set sweeps with one rule (lib/sharing/share-limits.ts).
 */
export type LimitName =
  | "refine"
  | "refineOffline"
  | "check"
  | "generate"
  | "login"
  | "shareView"
  | "shareFeedback"
  | "shareFeedbackLink";
/** The limits proxy.ts counts, on the method and path alone. */
export type ProxyLimitName = "generate" | "login";

/**
 * The requests that cost a token in proxy.ts, by method and path. Comparisons enqueue generations,
 * so they count as generate. Refinements are not here: which refiner runs (and so what a
 * refinement costs) is in the body, so the refine use case counts them (lib/limits/refine-limit.ts).
 */
const LIMITED: ReadonlyArray<{ method: string; path: string; limit: ProxyLimitName }> = [
  { method: "POST", path: "/api/generate", limit: "generate" },
  { method: "POST", path: "/api/comparisons", limit: "generate" },
  // The OpenAI-compatible endpoint generates too (its refinement is counted by the refine use case).
  { method: "POST", path: "/v1/images/generations", limit: "generate" },
  { method: "POST", path: "/api/auth/login", limit: "login" },
];

export function limitFor(method: string, pathname: string): ProxyLimitName | undefined {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, "") : pathname;
  return LIMITED.find((l) => l.method === method.toUpperCase() && l.path === path)?.limit;
}

/**
 * Sign-in attempts are also limited for all clients together (ten times one client's rule):
 * a client can rotate X-Forwarded-For on an open port, but not past this.
 */
export const LOGIN_ALL_CLIENTS_FACTOR = 10;

type Store = Record<LimitName | "login-all", TokenBuckets>;

// On globalThis so a re-evaluated module (dev reloads, a second bundle) keeps counting in the same buckets.
const STORE_KEY = Symbol.for("promptsmith.rate-limit-buckets");

function store(): Store {
  const g = globalThis as unknown as Record<symbol, Store | undefined>;
  g[STORE_KEY] ??= {
    refine: new TokenBuckets(),
    refineOffline: new TokenBuckets(),
    check: new TokenBuckets(),
    generate: new TokenBuckets(),
    login: new TokenBuckets(),
    shareView: new TokenBuckets(),
    shareFeedback: new TokenBuckets(),
    shareFeedbackLink: new TokenBuckets(),
    "login-all": new TokenBuckets({ maxKeys: 1 }),
  };
  return g[STORE_KEY];
}

/**
 * Takes a token for this client from the named bucket (and, for sign-in, from the shared one).
 * `proven`: a sign-in from a browser that signed in here before (its device cookie checked out,
 * proxy.ts) skips the shared bucket, so strangers draining it cannot lock the owner out.
 */
export function takeToken(
  limit: LimitName,
  clientKey: string,
  rule: BucketRule,
  opts: { proven?: boolean } = {},
): TakeResult {
  const s = store();
  const own = s[limit].take(clientKey, rule);
  if (!own.ok || limit !== "login" || opts.proven) return own;
  const all = s["login-all"].take("all", {
    perMin: rule.perMin * LOGIN_ALL_CLIENTS_FACTOR,
    burst: rule.burst * LOGIN_ALL_CLIENTS_FACTOR,
  });
  return all.ok ? own : all;
}

/** Tests only. */
export function resetRateLimitsForTests(): void {
  delete (globalThis as unknown as Record<symbol, unknown>)[STORE_KEY];
}
