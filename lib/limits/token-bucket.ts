/** Capacity `burst`, refilled at `perMin` tokens a minute. */
export type BucketRule = { perMin: number; burst: number };

export type TakeResult = { ok: true; remaining: number } | { ok: false; retryAfterSeconds: number };

type Bucket = { tokens: number; at: number };

export type TokenBucketsOptions = {
  /** The most keys held at once; past it, the least recently used go first. */
  maxKeys?: number;
  /** How often (ms) buckets that have filled up again are swept away. */
  sweepEveryMs?: number;
  now?: () => number;
};

/**
 * Token buckets by key, in memory. A bucket that has refilled to capacity is the same as no bucket,
 * so idle keys are dropped without changing any answer; the key cap only bites under a flood of
 * distinct keys, and then the least recently used go first.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();
  private readonly maxKeys: number;
  private readonly sweepEveryMs: number;
  private readonly now: () => number;
  private lastSweep: number;

  constructor(opts: TokenBucketsOptions = {}) {
    this.maxKeys = opts.maxKeys ?? 10_000;
    this.sweepEveryMs = opts.sweepEveryMs ?? 60_000;
    this.now = opts.now ?? Date.now;
    this.lastSweep = this.now();
  }

  get size(): number {
    return this.buckets.size;
  }

  take(key: string, rule: BucketRule, cost = 1): TakeResult {
    const now = this.now();
    this.sweep(rule, now);
    const perMs = rule.perMin / 60_000;
    const held = this.buckets.get(key);
    const tokens = held ? Math.min(rule.burst, held.tokens + Math.max(0, now - held.at) * perMs) : rule.burst;
    // Re-insert so the Map's order stays least-recently-used first.
    this.buckets.delete(key);
    if (tokens >= cost) {
      this.buckets.set(key, { tokens: tokens - cost, at: now });
      this.capKeys();
      return { ok: true, remaining: Math.floor(tokens - cost) };
    }
    this.buckets.set(key, { tokens, at: now });
    this.capKeys();
    const waitMs = (cost - tokens) / perMs;
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
  }

  private sweep(rule: BucketRule, now: number): void {
    if (now - this.lastSweep < this.sweepEveryMs && this.buckets.size < this.maxKeys) return;
    this.lastSweep = now;
    const perMs = rule.perMin / 60_000;
    for (const [key, b] of this.buckets) {
      if (b.tokens + (now - b.at) * perMs >= rule.burst) this.buckets.delete(key);
    }
  }

  private capKeys(): void {
    while (this.buckets.size > this.maxKeys) {
      const oldest = this.buckets.keys().next().value;
      if (oldest === undefined) break;
      this.buckets.delete(oldest);
    }
  }
}
