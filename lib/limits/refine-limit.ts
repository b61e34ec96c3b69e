import "server-only";
import { REFINERS } from "@/lib/catalog";
import { getConfig } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { takeLimitToken } from "./take-token";

/**
 * Takes this client's token for one refinement request, from the bucket of the refiner that will
 * run it. A chat model costs money or a local model's time: RATE_REFINE_* (30 a minute, a burst
 * of 10). The offline refiner costs a few milliseconds of CPU and a row: RATE_OFFLINE_REFINE_*
 * (600 a minute, a burst of 120) is far beyond a person, or a script refining a list of ideas,
 * and only stops a flood. Throws 429 `rate_limited` with Retry-After when the bucket is empty, and
 * 503 `backend_unavailable` when the limits live in Postgres and it does not answer.
 */
export async function chargeRefinement(refinerId: string, clientKey: string): Promise<void> {
  // Anything not known to run offline counts as costly.
  const offline = Object.values(REFINERS).some((r) => r.id === refinerId && r.offline);
  const limit = offline ? "refineOffline" : "refine";
  const taken = await takeLimitToken(limit, clientKey, getConfig().rateLimits[limit]);
  if (taken.ok) return;
  const s = taken.retryAfterSeconds;
  throw new AppError(
    "rate_limited",
    `Too many refinements from you right now; try again in ${s} second${s === 1 ? "" : "s"}.`,
    { retryAfter: s },
  );
}
