import "server-only";
import { AppError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import type { FeedbackBody, IdeaFeedback } from "@/lib/schemas/shares";
import { deps } from "@/lib/studio/deps";
import { chargeShareFeedback } from "./share-limits";
import { openShare } from "./open-share";
import { hashShareToken } from "./share-token";
import { shareShowsImage } from "./shown-images";
import { tallyVotes } from "./tally-votes";

/**
 * The most a feedback body may weigh: a name and 1,000 characters, even all escaped as \uXXXX,
 * fit in 8 kB; the app-wide megabyte would only let strangers make the server read more.
 */
export const FEEDBACK_BODY_BYTES = 8 * 1024;

/**
 * A visitor's note or vote through a share link. The text is untrusted and only ever stored:
 * it goes to no refiner, backend or judge, and is shown back to the owner as text alone.
 *
 * - An unknown or revoked link is 404, an expired one 410 (openShare).
 * - A link without feedback is 404 too, not 403: for that link the feedback resource does not
 *   exist, and in this app 403 `forbidden` means "a request from another site", which would send
 *   the visitor off to reload the page for nothing.
 * - Two buckets, per visitor on the link and per link for everyone, answer 429 with Retry-After;
 *   they are taken before the link is looked up.
 * - An image is accepted only when the link shows it; any other id is 404, whether it exists or not.
 */
export async function postFeedback(token: string, body: FeedbackBody, clientKey: string): Promise<void> {
  // Charged before the lookup, so probing for links costs what posting to one does.
  await chargeShareFeedback(hashShareToken(token), clientKey);
  const share = await openShare(token);
  if (!share.feedback) throw new AppError("not_found", "This link does not take feedback.");
  if (body.imageId !== undefined && !(await shareShowsImage(share, body.imageId))) {
    throw new AppError("not_found", "The image was not found.");
  }
  const now = new Date();
  await deps().store.addFeedback({
    id: newId(now.getTime()),
    shareId: share.id,
    ideaId: share.ideaId,
    imageId: body.imageId ?? null,
    name: body.name,
    comment: body.comment ?? null,
    vote: body.vote ?? null,
    createdAt: now.toISOString(),
  });
}

/** The owner's view: every note and vote, oldest first, and the votes standing per image. */
export async function listIdeaFeedback(ideaId: string): Promise<IdeaFeedback> {
  const { store } = deps();
  if (!(await store.getIdea(ideaId))) throw new AppError("not_found", "The idea was not found.");
  const items = [...(await store.listFeedbackForIdea(ideaId))].sort(
    (a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id),
  );
  return { items, votes: tallyVotes(items) };
}
