import "server-only";
import { getConfig } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { takeLimitToken } from "./take-token";

/**
 * Takes this client's token for one image check by a judge that costs something: a chat model
 * gets the whole image each time (RATE_CHECK_*: 30 a minute, a burst of 10). The offline check
 * reads a manifest in a millisecond and is not counted. Throws 429 `rate_limited` with
 * Retry-After when the bucket is empty, 503 when the limits live in Postgres and it does not answer.
 */
export async function chargeCheck(judgeId: string, clientKey: string): Promise<void> {
  if (judgeId === "offline") return;
  const taken = await takeLimitToken("check", clientKey, getConfig().rateLimits.check);
  if (taken.ok) return;
  const s = taken.retryAfterSeconds;
  throw new AppError(
    "rate_limited",
    `Too many image checks from you right now; try again in ${s} second${s === 1 ? "" : "s"}.`,
    { retryAfter: s },
  );
}
