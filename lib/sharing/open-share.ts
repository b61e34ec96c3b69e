import "server-only";
import { AppError } from "@/lib/errors";
import type { ShareRecord } from "@/lib/store/types";
import { deps } from "@/lib/studio/deps";
import { chargeShareView } from "./share-limits";
import { hashShareToken, isShareTokenShape } from "./share-token";

/** One answer for every link that does not open: unknown, revoked, malformed, or its target deleted. */
export function shareNotFound(): AppError {
  return new AppError("not_found", "This link does not lead anywhere. It may have been revoked, or never existed.");
}

/**
 * The share a visitor's token names, or AppError `not_found` (404) / `gone` (410, expired).
 * Always one lookup by the token's hash, even for text that cannot be a token: an unknown token
 * and a revoked one take the same path and answer the same body, so neither the answer nor its
 * time says which links ever existed. No rate limit here: see visitShare.
 */
export async function openShare(token: string, now = new Date()): Promise<ShareRecord> {
  const { store } = deps();
  const found = await store.findShareByTokenHash(hashShareToken(token));
  if (!isShareTokenShape(token) || !found || found.revokedAt !== null) throw shareNotFound();
  if (found.expiresAt !== null && Date.parse(found.expiresAt) <= now.getTime()) {
    throw new AppError("gone", "This link has expired. Ask whoever sent it for a new one.");
  }
  if (!(await targetExists(found))) throw shareNotFound();
  return found;
}

/**
 * What every visitor's request goes through (GET /api/s/:token…, the /s/:token page): the link's
 * read limit, keyed by the token's hash and taken before the lookup so an unknown link costs the
 * same as a known one, then openShare. 429 `rate_limited` with Retry-After past the limit.
 */
export async function visitShare(token: string): Promise<ShareRecord> {
  await chargeShareView(hashShareToken(token));
  return openShare(token);
}

/** A share outlives nothing: one whose idea, comparison or image was deleted since opens nothing. */
async function targetExists(share: ShareRecord): Promise<boolean> {
  const { store } = deps();
  const { kind, id } = share.target;
  if (kind === "idea") return (await store.getIdea(id)) !== undefined;
  if (kind === "comparison") return (await store.getComparison(id)) !== undefined;
  return (await store.getImage(id)) !== undefined;
}
