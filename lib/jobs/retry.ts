import { isAppError } from "@/lib/errors";

export type RetryPolicy = {
  /** Further attempts after the first. */
  retries: number;
  baseMs: number;
  maxMs: number;
};

export type RetryNotice = { attempt: number; delayMs: number; error: unknown };

/**
 * Exponential backoff with "equal jitter" (half the ceiling fixed, half random: a wait in
 * [ceiling/2, ceiling]), so a retry never comes right back at once as full jitter's [0, ceiling]
 * can; or the server's own Retry-After when it gives one.
 */
export function backoffMs(attempt: number, policy: RetryPolicy, error: unknown, random = Math.random): number {
  if (isAppError(error) && error.retryAfter !== undefined) return Math.min(error.retryAfter * 1000, policy.maxMs);
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

export function isRetryable(error: unknown): boolean {
  return isAppError(error) && error.retryable;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

/**
 * Runs `fn` until it succeeds, fails in a way that will not change (other 4xx, bad input),
 * runs out of retries, or `signal` aborts (also while waiting between attempts).
 */
export async function withRetries<T>(
  fn: (attempt: number) => Promise<T>,
  policy: RetryPolicy,
  signal: AbortSignal,
  onRetry?: (notice: RetryNotice) => void,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (error) {
      if (signal.aborted || attempt > policy.retries || !isRetryable(error)) throw error;
      const delayMs = backoffMs(attempt, policy, error);
      onRetry?.({ attempt, delayMs, error });
      await sleep(delayMs, signal);
    }
  }
}
