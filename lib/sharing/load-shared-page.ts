import "server-only";
import { cache } from "react";
import { isAppError } from "@/lib/errors";
import type { SharedView } from "@/lib/schemas/shares";
import { visitShare } from "./open-share";
import { sharedViewOf } from "./shared-view";

export type SharedPageLoad =
  | { status: "ok"; view: SharedView }
  | { status: "not_found" }
  | { status: "gone" }
  | { status: "rate_limited"; retryAfterSeconds: number };

/**
 * What the /s/<token> page renders: the view, or which plain page to show instead (404 for an
 * unknown, revoked or malformed link or a deleted target, 410 for an expired one, 429 past the
 * link's read limit). Takes the link's `shareView` limit, as GET /api/s/:token does, keyed by the
 * token's hash. Cached per request (React cache), so a page and its generateMetadata count once.
 * Anything else (the database down) is thrown, for the error page.
 */
export const loadSharedPage = cache(async (token: string): Promise<SharedPageLoad> => {
  try {
    const share = await visitShare(token);
    return { status: "ok", view: await sharedViewOf(share, { token }) };
  } catch (e) {
    if (!isAppError(e)) throw e;
    if (e.code === "not_found") return { status: "not_found" };
    if (e.code === "gone") return { status: "gone" };
    if (e.code === "rate_limited") return { status: "rate_limited", retryAfterSeconds: e.retryAfter ?? 60 };
    throw e;
  }
});
