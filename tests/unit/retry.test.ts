import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { backoffMs, withRetries } from "@/lib/jobs/retry";

const fast = { retries: 3, baseMs: 1, maxMs: 50 };

describe("withRetries", () => {
  it("retries 429 and 5xx-like errors, then succeeds", async () => {
    let calls = 0;
    const notices: number[] = [];
    const result = await withRetries(
      async () => {
        calls++;
        if (calls === 1) throw new AppError("rate_limited", "slow down");
        if (calls === 2) throw new AppError("backend_error", "500", { retryable: true });
        return "ok";
      },
      fast,
      new AbortController().signal,
      (n) => notices.push(n.attempt),
    );
    expect(result).toBe("ok");
    expect(calls).toBe(3);
    expect(notices).toEqual([1, 2]);
  });

  it("never retries other 4xx", async () => {
    let calls = 0;
    await expect(
      withRetries(
        async () => {
          calls++;
          throw new AppError("backend_error", "400 bad size");
        },
        fast,
        new AbortController().signal,
      ),
    ).rejects.toThrow("400 bad size");
    expect(calls).toBe(1);
  });

  it("gives up after the last retry with the last error", async () => {
    let calls = 0;
    await expect(
      withRetries(
        async () => {
          calls++;
          throw new AppError("backend_error", `fail ${calls}`, { retryable: true });
        },
        fast,
        new AbortController().signal,
      ),
    ).rejects.toThrow("fail 4");
    expect(calls).toBe(4);
  });

  it("stops waiting when canceled", async () => {
    const controller = new AbortController();
    const started = Date.now();
    const run = withRetries(
      async () => {
        throw new AppError("rate_limited", "wait", { retryAfter: 30 });
      },
      { retries: 2, baseMs: 1000, maxMs: 60_000 },
      controller.signal,
    );
    setTimeout(() => controller.abort(new DOMException("Aborted", "AbortError")), 20);
    await expect(run).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe("backoffMs", () => {
  it("honours Retry-After, capped", () => {
    expect(
      backoffMs(1, { retries: 3, baseMs: 500, maxMs: 10_000 }, new AppError("rate_limited", "x", { retryAfter: 2 })),
    ).toBe(2000);
    expect(
      backoffMs(1, { retries: 3, baseMs: 500, maxMs: 10_000 }, new AppError("rate_limited", "x", { retryAfter: 99 })),
    ).toBe(10_000);
  });

  it("grows exponentially with jitter within [ceiling/2, ceiling]", () => {
    const p = { retries: 5, baseMs: 100, maxMs: 1000 };
    const e = new AppError("backend_error", "x", { retryable: true });
    expect(backoffMs(1, p, e, () => 0)).toBe(50);
    expect(backoffMs(1, p, e, () => 1)).toBe(100);
    expect(backoffMs(3, p, e, () => 1)).toBe(400);
    expect(backoffMs(10, p, e, () => 1)).toBe(1000);
  });
});
