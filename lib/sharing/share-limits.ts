import "server-only";
import { getConfig } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { takeLimitToken } from "@/lib/limits/take-token";
import type { LimitName } from "@/lib/limits/rate-limits";
import type { BucketRule } from "@/lib/limits/token-bucket";

/*
 * Rate limits of share links (issue 10), counted where every limit is (lib/limits/take-token.ts:
 * in Postgres for all instances together with DATABASE_URL). Keyed by the token's hash, never the
 * token: keys are kept in memory and in the rate_limits table.
 */

/**
 * One read through a link: its page, its JSON, each of its images (RATE_SHARE_VIEW_*, per link).
 * Throws 429 `rate_limited` with Retry-After when the link has been read too often.
 */
export async function chargeShareView(tokenHash: string): Promise<void> {
  await charge("shareView", `link:${tokenHash}`, getConfig().rateLimits.shareView, "This link has been opened");
}

/**
 * One piece of feedback through a link: per visitor on that link first (RATE_SHARE_FEEDBACK_*),
 * then per link for everyone together (RATE_SHARE_FEEDBACK_LINK_*), so one visitor over their
 * limit spends nothing of the link's. Throws 429 `rate_limited` with Retry-After.
 */
export async function chargeShareFeedback(tokenHash: string, clientKey: string): Promise<void> {
  const { shareFeedback, shareFeedbackLink } = getConfig().rateLimits;
  await charge("shareFeedback", `link:${tokenHash}:${clientKey}`, shareFeedback, "You have sent a lot of feedback");
  await charge("shareFeedbackLink", `link:${tokenHash}`, shareFeedbackLink, "This link has had a lot of feedback");
}

async function charge(limit: LimitName, key: string, rule: BucketRule, what: string): Promise<void> {
  const taken = await takeLimitToken(limit, key, rule);
  if (taken.ok) return;
  const s = taken.retryAfterSeconds;
  throw new AppError("rate_limited", `${what} too often just now; try again in ${s} second${s === 1 ? "" : "s"}.`, {
    retryAfter: s,
  });
}
